package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The swiotlb pools' slot-origin table reads as a map of the same puts, and its copies are independent. */
class SlotOriginsTest {
	/** SlotOrigins is package-private: driven through reflection (the tests are another bundle). */
	private static final Constructor<?> NEW;
	private static final Method PUT, GET, COPY;
	static {
		try {
			Class<?> type = Class.forName("org.coco.dsl.semantics.SlotOrigins");
			NEW = type.getDeclaredConstructor();
			PUT = type.getDeclaredMethod("put", int.class, long.class);
			GET = type.getDeclaredMethod("get", int.class, long.class);
			COPY = type.getDeclaredMethod("copy");
			for (var x : new java.lang.reflect.AccessibleObject[] { NEW, PUT, GET, COPY }) {
				x.setAccessible(true);
			}
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private static long get(Object table, int slot) throws Exception {
		return (long) GET.invoke(table, slot, -1L);
	}

	@Test
	void readsAsAMapOfTheSamePutsAcrossGrowthAndCopies() throws Exception {
		Random rnd = new Random(3);
		for (int round = 0; round < 50; round++) {
			Object table = NEW.newInstance();
			Map<Integer, Long> expected = new HashMap<>();
			int range = 1 + rnd.nextInt(round < 25 ? 64 : 40_000); // dense and sparse slot numbers
			Object copy = null;
			Map<Integer, Long> atCopy = null;
			for (int i = rnd.nextInt(3000); i >= 0; i--) {
				int slot = rnd.nextInt(range);
				long orig = rnd.nextLong();
				PUT.invoke(table, slot, orig);
				expected.put(slot, orig);
				if (copy == null && rnd.nextInt(500) == 0) {
					copy = COPY.invoke(table);
					atCopy = new HashMap<>(expected);
				}
			}
			for (int slot = 0; slot < Math.min(range, 5000); slot++) {
				assertEquals(expected.getOrDefault(slot, -1L), get(table, slot), "round " + round + ", slot " + slot);
				if (copy != null) {
					assertEquals(atCopy.getOrDefault(slot, -1L), get(copy, slot), "copy, round " + round + ", slot " + slot);
				}
			}
		}
	}
}
