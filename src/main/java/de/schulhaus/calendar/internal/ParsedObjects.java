package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Stored objects as read for views and reports, kept by their ETag (a hash of their text, so an entry is
 * never stale and every node may keep its own): parsing the iCalendar text was half of a month view's server
 * time, expanding the series most of the rest, and the same objects are read again and again (a teacher's
 * next view, the class's other teachers and pupils). Bounded by the text kept and the number of ranges.
 */
final class ParsedObjects {

	/**
	 * About 4 million characters of iCalendar text (3,000 events as clients write them), some 15 MB of heap with
	 * their parsed lines: a month of a teacher's dozen calendars in the bench needs a quarter of it.
	 */
	private static final long TEXT_WEIGHT = 4_000_000;
	private static final long OCCURRENCE_WEIGHT = 200_000;

	private record Range(String etag, Instant from, Instant to, ZoneId floating, int limit) {
	}

	private static final Cache<String, CalendarResource> RESOURCES = Caffeine.newBuilder().maximumWeight(TEXT_WEIGHT)
		.weigher((String etag, CalendarResource resource) -> resource.text.length()).build();

	private static final Cache<Range, List<Occurrence>> OCCURRENCES = Caffeine.newBuilder().maximumWeight(OCCURRENCE_WEIGHT)
		.weigher((Range range, List<Occurrence> occurrences) -> occurrences.size() + 1).build();

	private ParsedObjects() {
	}

	/** The parsed object of this ETag and text; data that does not parse is refused each time, never kept. */
	static CalendarResource resource(String etag, String text) {
		if (etag == null) {
			return CalendarResource.of(ICalReader.withCrlf(text));
		}
		return RESOURCES.get(etag, key -> CalendarResource.of(ICalReader.withCrlf(text)));
	}

	static List<Occurrence> occurrences(String etag, String text, Instant from, Instant to, ZoneId floating, int limit) {
		if (etag == null) {
			return CalendarData.occurrences(resource(null, text), from, to, floating, limit);
		}
		return OCCURRENCES.get(new Range(etag, from, to, floating, limit),
				range -> List.copyOf(CalendarData.occurrences(resource(etag, text), from, to, floating, limit)));
	}
}
