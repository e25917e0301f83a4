package org.coco.dsl.tests.semantics;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;

/** The interpreter's RangeMap, package-private, driven through reflection (the tests are another bundle). */
final class Ranges {
	private static final Constructor<?> NEW, DIGEST_NEW;
	private static final Method PUT, PIECES, SEGMENTS, FREEZE, COPY, MEMCPY, DIGEST, KEY;
	static {
		try {
			Class<?> type = Class.forName("org.coco.dsl.semantics.RangeMap");
			Class<?> digest = Class.forName("org.coco.dsl.semantics.Digest");
			NEW = type.getDeclaredConstructor();
			PUT = type.getDeclaredMethod("put", long.class, long.class, Object.class);
			PIECES = type.getDeclaredMethod("pieces", long.class, long.class);
			SEGMENTS = type.getDeclaredMethod("segments");
			FREEZE = type.getDeclaredMethod("freeze");
			COPY = type.getDeclaredMethod("copy");
			MEMCPY = type.getDeclaredMethod("copy", long.class, long.class, long.class);
			DIGEST = type.getDeclaredMethod("digest", digest);
			DIGEST_NEW = digest.getDeclaredConstructor();
			KEY = digest.getDeclaredMethod("key");
			for (var x : List.of(NEW, PUT, PIECES, SEGMENTS, FREEZE, COPY, MEMCPY, DIGEST, DIGEST_NEW, KEY)) {
				x.setAccessible(true);
			}
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}
	private final Object map;

	private Ranges(Object map) {
		this.map = map;
	}

	static Ranges flat() throws Exception {
		return new Ranges(NEW.newInstance());
	}

	/**
	 * A flat map of up to five random puts over [0, 80): what a boot leaves before {@link #freeze()}; each put is
	 * made on the mirrors too.
	 */
	static Ranges randomBoot(Random rnd, Ranges... mirrors) throws Exception {
		Ranges booting = flat();
		for (int i = rnd.nextInt(6); i > 0; i--) {
			long s = rnd.nextInt(64), e = s + 1 + rnd.nextInt(16);
			Long v = rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(3);
			booting.put(s, e, v);
			for (Ranges m : mirrors) {
				m.put(s, e, v);
			}
		}
		return booting;
	}

	/** One random put over [0, 100) of null, 0, 1 or 2 (what a run does after boot), made on every map given. */
	static void randomPut(Random rnd, Ranges... maps) throws Exception {
		long s = rnd.nextInt(80), e = s + 1 + rnd.nextInt(20);
		Long v = rnd.nextInt(3) == 0 ? null : (long) rnd.nextInt(3);
		for (Ranges m : maps) {
			m.put(s, e, v);
		}
	}

	void put(long start, long end, Long v) throws Exception {
		PUT.invoke(map, start, end, v);
	}

	String pieces(long start, long end) throws Exception {
		return String.valueOf(PIECES.invoke(map, start, end));
	}

	String segments() throws Exception {
		return String.valueOf(SEGMENTS.invoke(map));
	}

	Ranges freeze() throws Exception {
		return new Ranges(FREEZE.invoke(map));
	}

	Ranges copy() throws Exception {
		return new Ranges(COPY.invoke(map));
	}

	/** RangeMap.copy(src, dst, len): memcpy. */
	void copy(long src, long dst, long len) throws Exception {
		MEMCPY.invoke(map, src, dst, len);
	}

	/** memcpy as a put of every piece of the source: what copy(src, dst, len) must equal. */
	void copyPieceByPiece(long src, long dst, long len) throws Exception {
		for (Object p : (List<?>) PIECES.invoke(map, src, src + len)) {
			long start = (long) component(p, "start"), end = (long) component(p, "end");
			put(dst + (start - src), dst + (end - src), (Long) component(p, "value"));
		}
	}

	Object digest() throws Exception {
		Object d = DIGEST_NEW.newInstance();
		DIGEST.invoke(map, d);
		return KEY.invoke(d);
	}

	/** The digest a flat map holding exactly this map's segments has (the digest's definition). */
	Object digestOfSegments() throws Exception {
		Ranges flat = flat();
		for (Object p : (List<?>) SEGMENTS.invoke(map)) {
			flat.put((long) component(p, "start"), (long) component(p, "end"), (Long) component(p, "value"));
		}
		return flat.digest();
	}

	private static Object component(Object record, String name) throws Exception {
		Method m = record.getClass().getDeclaredMethod(name);
		m.setAccessible(true);
		return m.invoke(record);
	}
}
