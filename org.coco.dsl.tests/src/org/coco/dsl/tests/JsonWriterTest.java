package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.Model;
import org.coco.dsl.generator.Fixtures;
import org.coco.dsl.generator.Json;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * `coco run --format json` writes a fleet's runs as it makes them ({@link Json#write(Appendable, Object)}):
 * the text must be that of the whole document written at once, and it must reach the output before the
 * last scenario's JSON is made.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class JsonWriterTest {
	@Inject
	private ParseHelper<Model> parser;
	@Inject
	private Provider<ResourceSet> resourceSets;

	private List<Trace> exampleTraces() throws Exception {
		ResourceSet rs = resourceSets.get();
		List<Model> models = new ArrayList<>();
		for (Path f : Examples.all()) {
			models.add(parser.parse(Files.readString(f), URI.createFileURI(f.toAbsolutePath().toString()), rs));
		}
		List<Trace> out = new ArrayList<>();
		for (Model m : models) {
			out.addAll(CocoRuntime.runAll(m, RunOptions.defaults()));
		}
		return out;
	}

	/** An output that notes how much it had received each time a scenario's JSON was made. */
	private static final class Recording implements Appendable {
		final StringBuilder text = new StringBuilder();
		final List<Integer> heldWhenMade = new ArrayList<>();
		int appends;

		@Override
		public Appendable append(CharSequence csq) {
			appends++;
			text.append(csq);
			return this;
		}

		@Override
		public Appendable append(CharSequence csq, int start, int end) {
			return append(csq.subSequence(start, end));
		}

		@Override
		public Appendable append(char c) {
			return append(String.valueOf(c));
		}
	}

	@Test
	void aFleetsRunsAreWrittenAsTheyAreMadeWithTheTextOfTheWholeDocument() throws Exception {
		List<Trace> traces = exampleTraces();
		assertTrue(traces.size() > 20, "examples have scenarios");
		List<Trace> fleet = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			fleet.addAll(traces);
		}
		Recording out = new Recording();
		List<Object> made = new AbstractList<>() {
			@Override
			public Object get(int index) {
				out.heldWhenMade.add(out.text.length());
				return Fixtures.scenario(fleet.get(index));
			}

			@Override
			public int size() {
				return fleet.size();
			}
		};
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("format", "coco-run");
		doc.put("scenarios", made);
		Json.write(out, doc);

		Map<String, Object> whole = new LinkedHashMap<>(doc);
		whole.put("scenarios", fleet.stream().map(Fixtures::scenario).toList());
		String expected = Json.write(whole);
		assertEquals(expected, out.text.toString());
		assertEquals(fleet.size(), out.heldWhenMade.size(), "each scenario's JSON made once");
		int last = out.heldWhenMade.get(out.heldWhenMade.size() - 1);
		assertTrue(last > expected.length() / 2, "most of the text was written before the last scenario was made: " + last
				+ " of " + expected.length());
		assertTrue(out.appends > 10, "written in pieces: " + out.appends);
	}
}
