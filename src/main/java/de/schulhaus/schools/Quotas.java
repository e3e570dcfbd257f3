package de.schulhaus.schools;

/** Storage quotas per role, in megabytes. */
public record Quotas(long teacherFilesMb, long teacherMailMb, long pupilFilesMb, long pupilMailMb) {

	public static final Quotas DEFAULTS = new Quotas(5 * 1024, 1024, 1024, 512);
}
