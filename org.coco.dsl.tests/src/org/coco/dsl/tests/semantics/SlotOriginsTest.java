package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The swiotlb pools' slot-origin table, kept as runs of taken slots: every used slot reads as the address
 * its latest take gave it, as a per-slot map of the same takes would, after releases, overwrites and
 * copies; copies are independent.
 */
class SlotOriginsTest {
	/** SlotOrigins is package-private: driven through reflection (the tests are another bundle). */
	private static final Constructor<?> NEW;
	private static final Method PUT, RELEASED, GET, COPY;
	static {
		try {
			Class<?> type = Class.forName("org.coco.dsl.semantics.SlotOrigins");
			NEW = type.getDeclaredConstructor();
			PUT = type.getDeclaredMethod("put", int.class, int.class, long.class);
			RELEASED = type.getDeclaredMethod("released", int.class, int.class);
			GET = type.getDeclaredMethod("get", int.class, long.class);
			COPY = type.getDeclaredMethod("copy");
			for (var x : new java.lang.reflect.AccessibleObject[] { NEW, PUT, RELEASED, GET, COPY }) {
				x.setAccessible(true);
			}
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private static final long SLOT = 2048; // IO_TLB_SIZE

	private static long get(Object table, int slot) throws Exception {
		return (long) GET.invoke(table, slot, -1L);
	}

	@Test
	void everyUsedSlotReadsItsLatestTakeAcrossReleasesAndCopies() throws Exception {
		Random rnd = new Random(3);
		for (int round = 0; round < 60; round++) {
			Object table = NEW.newInstance();
			Map<Integer, Long> used = new HashMap<>(); // slot -> original address, as a per-slot map
			int range = 8 + rnd.nextInt(round < 30 ? 64 : 4000);
			Object copy = null;
			Map<Integer, Long> atCopy = null;
			for (int i = rnd.nextInt(2000); i >= 0; i--) {
				int start = rnd.nextInt(range);
				int n = 1 + rnd.nextInt(Math.min(16, range - start));
				if (rnd.nextInt(3) == 0) { // a release, sometimes of part of a run or of free slots
					RELEASED.invoke(table, start, n);
					for (int k = 0; k < n; k++) {
						used.remove(start + k);
					}
				} else { // a take: of free slots in the pool, but the table must not depend on that
					long orig = rnd.nextLong() & ~0xFFFL;
					PUT.invoke(table, start, n, orig);
					for (int k = 0; k < n; k++) {
						used.put(start + k, orig + k * SLOT);
					}
				}
				if (copy == null && rnd.nextInt(300) == 0) {
					copy = COPY.invoke(table);
					atCopy = new HashMap<>(used);
				}
			}
			for (Map.Entry<Integer, Long> e : used.entrySet()) {
				assertEquals(e.getValue(), get(table, e.getKey()), "round " + round + ", slot " + e.getKey());
			}
			if (copy != null) {
				for (Map.Entry<Integer, Long> e : atCopy.entrySet()) {
					assertEquals(e.getValue(), get(copy, e.getKey()), "copy, round " + round + ", slot " + e.getKey());
				}
			}
		}
	}

	@Test
	void runsOfReleasedMappingsAreDropped() throws Exception {
		Object table = NEW.newInstance();
		for (int i = 0; i < 10_000; i++) { // map and unmap, the cursor moving on: the runs stay few
			int start = (i * 3) % 30_000;
			PUT.invoke(table, start, 3, 0x1000L * i);
			assertEquals(0x1000L * i + SLOT, get(table, start + 1));
			RELEASED.invoke(table, start, 3);
		}
		java.lang.reflect.Field size = table.getClass().getDeclaredField("size");
		size.setAccessible(true);
		assertEquals(0, size.getInt(table));
	}
}
