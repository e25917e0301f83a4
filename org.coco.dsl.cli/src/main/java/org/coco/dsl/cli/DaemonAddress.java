package org.coco.dsl.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Where the daemon of one working directory and one build of coco listens: a Unix socket in a folder only
 * its user can enter. The name is a hash of the directory and of the jar's path and time, so a rebuilt coco
 * never talks to a daemon that runs the old one, and a daemon serves only its own directory (relative paths
 * on the command line then mean what they mean to the client).
 */
final class DaemonAddress {
	private DaemonAddress() {
	}

	/** The working directory of this JVM, which is the daemon's for the commands it serves. */
	static Path cwd() {
		return Path.of("").toAbsolutePath().normalize();
	}

	static Path socket(Path cwd) {
		return folder().resolve(name(cwd) + ".sock");
	}

	/** The daemon's log (its own errors; command output goes to the client). */
	static Path log(Path cwd) {
		return folder().resolve(name(cwd) + ".log");
	}

	/** The socket of this directory's daemon if one may be asked (it exists, in the user's own folder); else null. */
	static Path trustedSocket(Path cwd) {
		Path socket = socket(cwd);
		return Files.exists(socket) && trusted(socket) ? socket : null;
	}

	private static String name(Path cwd) {
		return hash(cwd.toString() + "\n" + codeIdentity());
	}

	/** Makes the folder (owner only) if it is missing; refuses one that another user could write into. */
	static Path createFolder() throws IOException {
		Path folder = folder();
		if (!Files.isDirectory(folder)) {
			try {
				Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			} catch (UnsupportedOperationException e) {
				Files.createDirectories(folder);
			}
		}
		if (!private_(folder)) {
			throw new IOException(folder + " is not the user's own folder (owner only, rwx------): remove it");
		}
		return folder;
	}

	/**
	 * Is the socket's folder the user's alone? In a shared temporary directory someone else could have made
	 * it first and put a socket there that answers in coco's name; then no daemon is used.
	 */
	static boolean trusted(Path socket) {
		return private_(socket.getParent());
	}

	private static boolean private_(Path folder) {
		try {
			var attrs = Files.readAttributes(folder, java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
			String me = System.getProperty("user.name");
			return attrs.isDirectory() && attrs.owner().getName().equals(me)
					&& attrs.permissions().equals(PosixFilePermissions.fromString("rwx------"));
		} catch (UnsupportedOperationException e) {
			return true; // no POSIX permissions to check (not Linux or macOS)
		} catch (IOException | RuntimeException e) {
			return false;
		}
	}

	static Path folder() {
		String runtime = System.getenv("XDG_RUNTIME_DIR");
		Path base = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime)) ? Path.of(runtime)
				: Path.of(System.getProperty("java.io.tmpdir"));
		return base.resolve("coco-daemon-" + System.getProperty("user.name", "user"));
	}

	/** The jar (or classes folder) coco runs from, and when it was last built. */
	private static String codeIdentity() {
		try {
			Path code = Path.of(CocoCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return code + "@" + Files.getLastModifiedTime(code).toMillis();
		} catch (IOException | URISyntaxException | RuntimeException e) {
			return "unknown";
		}
	}

	/** 64-bit FNV-1a: every command start computes it, and a MessageDigest costs its provider's set-up. */
	private static String hash(String s) {
		long h = 0xcbf29ce484222325L;
		for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
			h = (h ^ (b & 0xff)) * 0x100000001b3L;
		}
		return HexFormat.of().toHexDigits(h);
	}
}
