import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * A build step of the command-line jar (run by the cli module's pom after the shade plugin, in the JDK's
 * source-file mode): raises the Java 5 class files in the jar (EMF, log4j, picocli, ANTLR ...) to Java 8, with the
 * stack map frames that version needs computed by ASM.
 * <p>
 * Why: the JDK's AOT cache, which ./coco makes once per build for its start-up, cannot hold a class older than
 * Java 6, nor any class that extends or implements one (coco's model: every interface extends EMF's EObject). Those
 * classes (850 of a run's 4,400) were read from the jar and checked by the old inferencing verifier on every run:
 * about a quarter of the CPU of a short command (docs/performance.md, eighth session).
 * <p>
 * Only self-contained classes are raised: a class that names a type neither in the jar nor in the JDK (EMF's
 * Eclipse-registry readers, log4j's JMS and mail appenders: never loaded outside Eclipse or such set-ups) is kept as
 * it is, since its frames could not be computed against the real type hierarchy; so is a class ASM cannot give frames
 * (jsr/ret subroutines). Everything else in the jar is copied unchanged, in order. The jar is replaced atomically;
 * the names of the classes raised go to LIST (CliClassFileVersionsTest has the JVM verify each of them).
 * <p>
 * Usage: {@code java -cp asm.jar:asm-commons.jar UpgradeClassFiles.java JAR LIST}
 */
public final class UpgradeClassFiles {

	private static final int JAVA_6 = 50;

	/** Internal name to superclass name (null for java/lang/Object) of every class in the jar. */
	private final Map<String, String> superclasses = new HashMap<>();
	/** The interfaces among them, and what each class implements directly. */
	private final Set<String> interfaces = new java.util.HashSet<>();
	private final Map<String, String[]> implemented = new HashMap<>();
	/** Types found (not) to be complete: in the JDK, or in the jar with all their supertypes. */
	private final Map<String, Boolean> complete = new HashMap<>();

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: UpgradeClassFiles JAR LIST");
			System.exit(2);
		}
		new UpgradeClassFiles().run(Path.of(args[0]), Path.of(args[1]));
	}

	private record Entry(JarEntry header, byte[] bytes) {
	}

	private void run(Path jar, Path list) throws IOException {
		Manifest manifest;
		List<Entry> entries = new ArrayList<>();
		try (JarInputStream in = new JarInputStream(Files.newInputStream(jar), false)) {
			manifest = in.getManifest();
			for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
				entries.add(new Entry(e, in.readAllBytes()));
			}
		}
		for (Entry e : entries) {
			if (isClass(e)) {
				ClassReader r = new ClassReader(e.bytes());
				superclasses.put(r.getClassName(), r.getSuperName());
				implemented.put(r.getClassName(), r.getInterfaces());
				if ((r.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
					interfaces.add(r.getClassName());
				}
			}
		}
		Map<String, byte[]> raised = new LinkedHashMap<>();
		int kept = 0;
		for (Entry e : entries) {
			if (!isClass(e) || version(e.bytes()) >= JAVA_6) {
				continue;
			}
			byte[] upgraded = upgrade(e.bytes());
			if (upgraded == null) {
				kept++;
			} else {
				raised.put(e.header().getName(), upgraded);
			}
		}
		Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
		try (OutputStream file = Files.newOutputStream(tmp);
				JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
			for (Entry e : entries) {
				JarEntry header = new JarEntry(e.header().getName());
				header.setTime(e.header().getTime());
				out.putNextEntry(header);
				out.write(raised.getOrDefault(e.header().getName(), e.bytes()));
				out.closeEntry();
			}
		} catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		Set<String> names = new TreeSet<>();
		for (String path : raised.keySet()) {
			names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
		}
		Files.write(list, names);
		Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		System.out.println("coco.jar: " + raised.size() + " Java 5 class files raised to Java 8, " + kept
				+ " kept (they name classes that are not in the jar)");
	}

	private static boolean isClass(Entry e) {
		String name = e.header().getName();
		// versioned classes of a multi-release jar are Java 9+ already; module-info is no class to run
		return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
	}

	private static int version(byte[] classFile) {
		return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
	}

	/** The class at Java 8 with computed frames, or null where it is kept as it is (see the class comment). */
	private byte[] upgrade(byte[] classFile) {
		ClassReader reader = new ClassReader(classFile);
		if (!allTypesKnown(reader)) {
			return null;
		}
		ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
			@Override
			protected String getCommonSuperClass(String a, String b) {
				// as ASM's own: an interface merges to Object (the verifier treats interfaces so); else the nearest
				// common superclass, from the jar's hierarchy and the JDK's
				if (isInterface(a) || isInterface(b)) {
					return "java/lang/Object";
				}
				List<String> up = superclassChain(a);
				for (String s : superclassChain(b)) {
					if (up.contains(s)) {
						return s;
					}
				}
				return "java/lang/Object";
			}
		};
		try {
			reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
				@Override
				public void visit(int version, int access, String name, String signature, String superName, String[] itfs) {
					super.visit(Opcodes.V1_8, access, name, signature, superName, itfs);
				}
			}, 0);
			return writer.toByteArray();
		} catch (RuntimeException e) { // jsr/ret, or a type the hierarchy does not know after all
			return null;
		}
	}

	/** Whether every type the class names is in the jar or the JDK. */
	private boolean allTypesKnown(ClassReader reader) {
		boolean[] known = { true };
		Remapper check = new Remapper(Opcodes.ASM9) {
			@Override
			public String map(String internalName) {
				if (known[0] && !isKnown(internalName)) {
					known[0] = false;
				}
				return internalName;
			}
		};
		// into a writer whose output is dropped: a bare visitor would skip the method bodies (no method visitor)
		reader.accept(new ClassRemapper(new ClassWriter(0), check), ClassReader.SKIP_FRAMES);
		return known[0];
	}

	/**
	 * Whether the type is in the JDK, or in the jar with every supertype known: the verifier loads a type's
	 * supertypes to check an assignment to it (EMF's EcorePlugin.Implementation is in the jar, but its superclass,
	 * Eclipse's Plugin, is not).
	 */
	private boolean isKnown(String internalName) {
		Boolean known = complete.get(internalName);
		if (known == null) {
			complete.put(internalName, Boolean.FALSE); // a cycle is no proof
			known = jdkClass(internalName) != null;
			if (!known && superclasses.containsKey(internalName)) {
				String s = superclasses.get(internalName);
				known = s == null || isKnown(s);
				for (String i : implemented.get(internalName)) {
					known = known && isKnown(i);
				}
			}
			complete.put(internalName, known);
		}
		return known;
	}

	private boolean isInterface(String internalName) {
		if (superclasses.containsKey(internalName)) {
			return interfaces.contains(internalName);
		}
		return required(internalName).isInterface();
	}

	private List<String> superclassChain(String internalName) {
		List<String> chain = new ArrayList<>();
		for (String t = internalName; t != null;) {
			chain.add(t);
			if (superclasses.containsKey(t)) {
				t = superclasses.get(t);
			} else {
				Class<?> s = required(t).getSuperclass();
				t = s == null ? null : s.getName().replace('.', '/');
			}
		}
		return chain;
	}

	private static Class<?> required(String internalName) {
		Class<?> c = jdkClass(internalName);
		if (c == null) {
			throw new IllegalStateException("unknown type " + internalName);
		}
		return c;
	}

	/** The JDK's class of this name (not initialised), or null. */
	private static Class<?> jdkClass(String internalName) {
		try {
			return Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
		} catch (ClassNotFoundException | LinkageError e) {
			return null;
		}
	}
}
