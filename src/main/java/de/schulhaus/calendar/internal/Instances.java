package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;

import net.fortuna.ical4j.model.Recur;

/**
 * Expands a calendar object resource into its instances (RFC 5545 3.8.5: DTSTART, RRULE, RDATE minus
 * EXDATE, overridden instances replacing theirs) overlapping a time range, on the wall clock of DTSTART's
 * zone. Bounded: at most {@link #MAX_CANDIDATES} rule instances are looked at, whatever the rule says.
 */
final class Instances {

	static final int MAX_CANDIDATES = 100_000;

	/** One instance; start equal to end for an event without duration and for a task with only a DUE. */
	record Instance(ICalComponent component, Instant start, Instant end, boolean allDay, Instant recurrenceId, boolean dueOnly) {

		/**
		 * RFC 4791 9.9: [from, to) overlaps; an instance without duration only with its start, a task with only
		 * a DUE when the range ends at or after it; null bounds are open.
		 */
		boolean overlaps(Instant from, Instant to) {
			if (dueOnly) {
				return (from == null || from.isBefore(start)) && (to == null || !to.isBefore(start));
			}
			if (to != null && !to.isAfter(start)) {
				return false;
			}
			return from == null || (end.isAfter(start) ? from.isBefore(end) : !from.isAfter(start));
		}
	}

	/** The instances sorted by start; complete is false when the bound on candidates cut the expansion short. */
	record Result(List<Instance> instances, boolean complete) {
	}

	private Instances() {
	}

	static Result of(CalendarResource resource, Instant from, Instant to, ZoneId floating, int wanted) {
		List<Instance> instances = new ArrayList<>();
		boolean complete = true;
		Set<Instant> replaced = new HashSet<>();
		for (ICalComponent override : resource.overrides) {
			Instant recurrenceId = ICalValues.time(override.property("RECURRENCE-ID"), resource.zones).instant(floating);
			replaced.add(recurrenceId);
			add(instances, single(override, resource.zones, floating, recurrenceId), from, to);
		}
		ICalComponent master = resource.master;
		if (master != null && !resource.recurring()) {
			add(instances, single(master, resource.zones, floating, null), from, to);
		} else if (master != null) {
			complete = new Series(master, resource.zones, floating, replaced).expand(instances, from, to, wanted);
		}
		instances.sort(Comparator.comparing(Instance::start));
		return new Result(instances.size() > wanted ? List.copyOf(instances.subList(0, wanted)) : instances, complete);
	}

	private static void add(List<Instance> instances, Instance instance, Instant from, Instant to) {
		if (instance != null && instance.overlaps(from, to)) {
			instances.add(instance);
		}
	}

	/** The one instance a component describes by itself; null for a task or journal entry without times. */
	static Instance single(ICalComponent component, ZoneLookup zones, ZoneId floating, Instant recurrenceId) {
		ICalProperty startProperty = component.property("DTSTART") != null ? component.property("DTSTART") : component.property("DUE");
		if (startProperty == null) {
			return null;
		}
		ICalTime start = ICalValues.time(startProperty, zones);
		ICalValues.Length length = startProperty.name().equals("DUE") ? ICalValues.Length.NONE
				: length(component, start, zones, floating);
		return new Instance(component, start.instant(floating), end(start, length, floating), start.allDay(), recurrenceId,
				startProperty.name().equals("DUE"));
	}

	/** How long each instance lasts: DTEND (or DUE) minus DTSTART, DURATION, one day for a date, else nothing. */
	static ICalValues.Length length(ICalComponent component, ICalTime start, ZoneLookup zones, ZoneId floating) {
		ICalProperty endProperty = component.property("DTEND") != null ? component.property("DTEND") : component.property("DUE");
		if (endProperty != null) {
			ICalTime end = ICalValues.time(endProperty, zones);
			if (start.allDay()) {
				return new ICalValues.Length(ChronoUnit.DAYS.between((LocalDate) start.local(), end.dateTime().toLocalDate()),
						java.time.Duration.ZERO);
			}
			return new ICalValues.Length(0, java.time.Duration.between(start.instant(floating), end.instant(floating)));
		}
		if (component.property("DURATION") != null) {
			return ICalValues.duration(component.property("DURATION"));
		}
		return start.allDay() && !component.name().equals("VTODO") ? new ICalValues.Length(1, java.time.Duration.ZERO)
				: ICalValues.Length.NONE;
	}

	static Instant end(ICalTime start, ICalValues.Length length, ZoneId floating) {
		ZoneRules rules = start.rules() == null ? floating.getRules() : start.rules();
		return ICalTime.instant(start.dateTime().plusDays(length.days()), rules).plus(length.time());
	}

	/** The instances of a recurring master: DTSTART, RRULE and RDATE, minus EXDATE and the overridden ones. */
	private static final class Series {

		private final ICalComponent master;
		private final ZoneLookup zones;
		private final ZoneId floating;
		private final ICalTime seed;
		private final ICalValues.Length length;
		private final ZoneRules rules;
		private final Set<Instant> excluded;
		private final Set<Instant> seen = new HashSet<>();

		Series(ICalComponent master, ZoneLookup zones, ZoneId floating, Set<Instant> replaced) {
			this.master = master;
			this.zones = zones;
			this.floating = floating;
			this.seed = ICalValues.time(master.property("DTSTART"), zones);
			this.length = length(master, seed, zones, floating);
			this.rules = seed.rules() == null ? floating.getRules() : seed.rules();
			this.excluded = new HashSet<>(replaced);
			for (ICalProperty exdate : master.properties("EXDATE")) {
				ICalValues.times(exdate, zones).forEach(t -> excluded.add(t.instant(floating)));
			}
		}

		/** Adds the instances overlapping [from, to); false when the bound cut the rule short. */
		boolean expand(List<Instance> instances, Instant from, Instant to, int wanted) {
			add(instances, seed, from, to);
			for (ICalProperty rdate : master.properties("RDATE")) {
				for (ICalTime time : ICalValues.times(rdate, zones)) {
					add(instances, time, from, to);
				}
			}
			ICalProperty rrule = master.property("RRULE");
			try {
				return rrule == null || expandRule(ComponentRules.recur(rrule), instances, from, to, wanted);
			} catch (java.time.DateTimeException | IllegalArgumentException | UnsupportedOperationException e) {
				// ical4j's rules fail on combinations RFC 5545 leaves undefined (BYHOUR on a date, ...)
				throw InvalidCalendarData.data(rrule, "cannot be expanded from this DTSTART: " + e.getMessage());
			}
		}

		private boolean expandRule(Recur<Temporal> recur, List<Instance> instances, Instant from, Instant to, int wanted) {
			Temporal until = recur.getUntil() == null ? null : sameKind(untilLocal(recur.getUntil()));
			Recur<Temporal> open = new Recur.Builder<>(recur).until(null).build();
			Temporal periodStart = seed.local();
			if (recur.getCount() < 1 && from != null) {
				LocalDateTime ahead = ICalTime.local(from, rules).minusDays(length.days() + 1).minus(length.time());
				if (ahead.isAfter(seed.dateTime())) {
					periodStart = sameKind(ahead);
				}
			}
			LocalDateTime end = to != null ? ICalTime.local(to, rules).plusDays(1)
					: until != null ? untilLocal(recur.getUntil()).plusDays(1) : seed.dateTime().plusYears(1000);
			Spliterator<Temporal> candidates = open.getDatesAsStream(seed.local(), periodStart, sameKind(end), -1).spliterator();
			int[] looked = {0};
			int[] added = {0};
			boolean[] done = {false};
			while (!done[0] && candidates.tryAdvance(candidate -> {
				if (++looked[0] > MAX_CANDIDATES || (until != null && compare(candidate, until) > 0)) {
					done[0] = true;
					return;
				}
				ICalTime time = seed.with(candidate);
				if (to != null && !time.instant(floating).isBefore(to)) {
					done[0] = true;
				} else if (add(instances, time, from, to) && ++added[0] >= wanted) {
					done[0] = true;
				}
			})) {
				// each candidate is handled in the consumer
			}
			return looked[0] <= MAX_CANDIDATES;
		}

		private boolean add(List<Instance> instances, ICalTime time, Instant from, Instant to) {
			Instant start = time.instant(floating);
			if (excluded.contains(start) || !seen.add(start)) {
				return false;
			}
			Instance instance = new Instance(master, start, end(time, length, floating), time.allDay(), start, false);
			if (!instance.overlaps(from, to)) {
				return false;
			}
			instances.add(instance);
			return true;
		}

		/** UNTIL on the wall clock of DTSTART: a UTC time converted, a date as its last second. */
		private LocalDateTime untilLocal(Temporal until) {
			if (until instanceof LocalDate date) {
				return seed.allDay() ? date.atStartOfDay() : date.atTime(23, 59, 59);
			}
			if (until instanceof LocalDateTime local) {
				return local;
			}
			return ICalTime.local(Instant.from(until), rules);
		}

		private Temporal sameKind(LocalDateTime local) {
			return seed.allDay() ? local.toLocalDate() : local;
		}

		@SuppressWarnings("unchecked")
		private static int compare(Temporal a, Temporal b) {
			return ((Comparable<Temporal>) a).compareTo(b);
		}
	}
}
