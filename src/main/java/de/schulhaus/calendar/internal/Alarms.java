package de.schulhaus.calendar.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When the next alarm of a calendar object rings (RFC 5545 3.6.6): the VALARMs with ACTION DISPLAY or
 * AUDIO of each instance (an overridden instance has its own), TRIGGER relative to the instance's start
 * (or end, RELATED=END), days counted on the wall clock of DTSTART's zone, or absolute (VALUE=DATE-TIME,
 * ringing once). REPEAT is not followed: an alarm rings once per instance. Recurring events are expanded
 * up to {@link #HORIZON} ahead, at most {@link #MAX_INSTANCES} instances.
 */
final class Alarms {

	static final Duration HORIZON = Duration.ofDays(400);
	static final int MAX_INSTANCES = 2_000;
	private static final Duration NEAR = Duration.ofDays(14);
	private static final Duration MARGIN = Duration.ofHours(1);

	/**
	 * An alarm due at {@code at} for the instance that starts at {@code start}.
	 *
	 * @param summary the instance's SUMMARY (the series' where it has none), null when there is none
	 * @param recurrenceId the instance's RECURRENCE-ID in a series, null for an event that does not recur
	 */
	record Due(Instant at, Instant start, boolean allDay, String summary, Instant recurrenceId) {
	}

	private record Trigger(boolean fromEnd, ICalValues.Length offset, Instant absolute) {
	}

	private Alarms() {
	}

	/** The first alarm at or after {@code notBefore}; empty when none rings any more (within the horizon). */
	static Optional<Due> next(String text, Instant notBefore, ZoneId floating) {
		if (!text.contains("VALARM")) {
			return Optional.empty();
		}
		CalendarResource resource = CalendarResource.of(ICalReader.withCrlf(text));
		Due best = null;
		// the relative offsets bound which instances can ring at or after notBefore (an hour more for a day across DST)
		Duration after = MARGIN;
		Duration before = MARGIN;
		boolean relative = false;
		for (ICalComponent component : resource.components()) {
			for (Trigger trigger : triggers(component, resource.zones)) {
				if (trigger.absolute() != null) {
					if (!trigger.absolute().isBefore(notBefore)) {
						Instances.Instance first = firstInstance(resource, component, floating);
						best = earlier(best, new Due(trigger.absolute(), first == null ? trigger.absolute() : first.start(),
								first != null && first.allDay(), summary(component, resource), first == null ? null : first.recurrenceId()));
					}
					continue;
				}
				relative = true;
				Duration offset = Duration.ofDays(trigger.offset().days()).plus(trigger.offset().time());
				after = max(after, offset.plus(MARGIN));
				before = max(before, offset.negated().plus(MARGIN));
			}
		}
		if (relative) {
			Instant from = notBefore.minus(after);
			// a series that begins later is looked at from its beginning
			List<Instances.Instance> first = resource.recurring() ? resource.instances(null, null, floating, 1).instances() : List.of();
			Instant anchor = first.isEmpty() || first.get(0).start().isBefore(notBefore) ? notBefore : first.get(0).start();
			Instant to = anchor.plus(before).plus(NEAR);
			Due found = relative(resource, from, notBefore, to, floating);
			if (found == null && resource.recurring()) {
				found = relative(resource, from, notBefore, anchor.plus(before).plus(HORIZON), floating);
			}
			else if (found != null && resource.recurring() && found.at().isAfter(to.minus(before))) {
				// an instance after the first window may still ring earlier when the alarms' offsets differ
				found = relative(resource, from, notBefore, found.at().plus(before), floating);
			}
			best = found == null ? best : earlier(best, found);
		}
		return Optional.ofNullable(best);
	}

	/** The earliest relative alarm at or after notBefore among the instances overlapping [from, to). */
	private static Due relative(CalendarResource resource, Instant from, Instant notBefore, Instant to, ZoneId floating) {
		Due best = null;
		for (Instances.Instance instance : resource.instances(from, resource.recurring() ? to : null, floating, MAX_INSTANCES).instances()) {
			ICalComponent component = instance.component();
			ZoneRules rules = rules(component, resource.zones, floating);
			for (Trigger trigger : triggers(component, resource.zones)) {
				if (trigger.absolute() != null) {
					continue;
				}
				Instant base = trigger.fromEnd() ? instance.end() : instance.start();
				Instant at = ICalTime.instant(ICalTime.local(base, rules).plusDays(trigger.offset().days()), rules).plus(trigger.offset().time());
				if (!at.isBefore(notBefore)) {
					best = earlier(best, new Due(at, instance.start(), instance.allDay(), summary(component, resource),
							resource.recurring() ? instance.recurrenceId() : null));
				}
			}
		}
		return best;
	}

	private static List<Trigger> triggers(ICalComponent component, ZoneLookup zones) {
		List<Trigger> triggers = new ArrayList<>();
		for (ICalComponent alarm : component.components()) {
			if (!alarm.name().equals("VALARM")) {
				continue;
			}
			ICalProperty action = alarm.property("ACTION");
			ICalProperty trigger = alarm.property("TRIGGER");
			if (action == null || trigger == null) {
				continue;
			}
			String kind = action.value().trim().toUpperCase(Locale.ROOT);
			if (!kind.equals("DISPLAY") && !kind.equals("AUDIO")) {
				continue;
			}
			try {
				if ("DATE-TIME".equalsIgnoreCase(trigger.parameter("VALUE"))) {
					triggers.add(new Trigger(false, null, ICalValues.time(trigger, zones).instant(CalendarData.SCHOOL_ZONE)));
				}
				else {
					triggers.add(new Trigger("END".equalsIgnoreCase(trigger.parameter("RELATED")), ICalValues.duration(trigger), null));
				}
			}
			catch (InvalidCalendarData ex) {
				// a broken alarm of a client rings nowhere; the event itself is still stored
			}
		}
		return triggers;
	}

	private static ZoneRules rules(ICalComponent component, ZoneLookup zones, ZoneId floating) {
		ICalProperty start = component.property("DTSTART") != null ? component.property("DTSTART") : component.property("DUE");
		ZoneRules rules = start == null ? null : ICalValues.time(start, zones).rules();
		return rules == null ? floating.getRules() : rules;
	}

	private static Instances.Instance firstInstance(CalendarResource resource, ICalComponent component, ZoneId floating) {
		if (component != resource.master) {
			return Instances.single(component, resource.zones, floating, null);
		}
		List<Instances.Instance> first = resource.instances(null, null, floating, 1).instances();
		return first.isEmpty() ? null : first.get(0);
	}

	private static String summary(ICalComponent component, CalendarResource resource) {
		ICalProperty summary = component.property("SUMMARY");
		return summary != null ? summary.text() : resource.summary();
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	private static Due earlier(Due best, Due candidate) {
		return best == null || candidate.at().isBefore(best.at()) ? candidate : best;
	}
}
