package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The page allocator's free list allocates and frees as the first-fit TreeMap it replaced: the same
 * addresses, the same free ranges after every operation, and copies that are independent.
 */
class FreeListTest {
	/** FreeList is package-private: driven through reflection (the tests are another bundle). */
	private static final Constructor<?> NEW;
	private static final Method ALLOC, FREE, COPY, SIZE, START, END;
	static {
		try {
			Class<?> type = Class.forName("org.coco.dsl.semantics.FreeList");
			NEW = type.getDeclaredConstructor(long.class, long.class);
			ALLOC = type.getDeclaredMethod("alloc", long.class, long.class);
			FREE = type.getDeclaredMethod("free", long.class, long.class);
			COPY = type.getDeclaredMethod("copy");
			SIZE = type.getDeclaredMethod("size");
			START = type.getDeclaredMethod("start", int.class);
			END = type.getDeclaredMethod("end", int.class);
			for (var x : new java.lang.reflect.AccessibleObject[] { NEW, ALLOC, FREE, COPY, SIZE, START, END }) {
				x.setAccessible(true);
			}
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	/** The replaced implementation, as it was (PageAllocator before FreeList). */
	private static long refAlloc(TreeMap<Long, Long> m, long size, long align) {
		for (Map.Entry<Long, Long> e : m.entrySet()) {
			long start = (e.getKey() + align - 1) & ~(align - 1);
			if (start + size <= e.getValue()) {
				long fs = e.getKey(), fe = e.getValue();
				m.remove(fs);
				if (fs < start) {
					m.put(fs, start);
				}
				if (start + size < fe) {
					m.put(start + size, fe);
				}
				return start;
			}
		}
		return -1;
	}

	private static void refFree(TreeMap<Long, Long> m, long start, long end) {
		Map.Entry<Long, Long> lo = m.floorEntry(start);
		if (lo != null && lo.getValue() == start) {
			start = lo.getKey();
			m.remove(lo.getKey());
		}
		Long hiEnd = m.get(end);
		if (hiEnd != null) {
			m.remove(end);
			end = hiEnd;
		}
		m.put(start, end);
	}

	private static String ranges(Object list) throws Exception {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < (int) SIZE.invoke(list); i++) {
			sb.append(START.invoke(list, i)).append('-').append(END.invoke(list, i)).append(' ');
		}
		return sb.toString();
	}

	private static String ranges(TreeMap<Long, Long> m) {
		StringBuilder sb = new StringBuilder();
		m.forEach((s, e) -> sb.append(s).append('-').append(e).append(' '));
		return sb.toString();
	}

	@Test
	void allocatesAndFreesAsTheFirstFitTreeMap() throws Exception {
		Random rnd = new Random(11);
		long page = 4096;
		for (int round = 0; round < 100; round++) {
			long base = page * rnd.nextInt(16), end = base + page * (1 + rnd.nextInt(200));
			Object list = NEW.newInstance(base, end);
			TreeMap<Long, Long> ref = new TreeMap<>(Map.of(base, end));
			List<long[]> live = new ArrayList<>();
			Object copy = null;
			String atCopy = null;
			for (int op = 0; op < 300; op++) {
				if (live.isEmpty() || rnd.nextInt(3) > 0) {
					long size = page * (1 + rnd.nextInt(8));
					long align = page << rnd.nextInt(3);
					long got = (long) ALLOC.invoke(list, size, align);
					assertEquals(refAlloc(ref, size, align), got, "round " + round + ", op " + op);
					if (got >= 0) {
						live.add(new long[] { got, got + size });
					}
				} else {
					long[] r = live.remove(rnd.nextInt(live.size()));
					FREE.invoke(list, r[0], r[1]);
					refFree(ref, r[0], r[1]);
				}
				assertEquals(ranges(ref), ranges(list), "round " + round + ", op " + op);
				if (copy == null && op == 150) {
					copy = COPY.invoke(list);
					atCopy = ranges(list);
				}
			}
			if (copy != null) {
				assertEquals(atCopy, ranges(copy), "a copy keeps the ranges it was made with");
			}
		}
	}
}
