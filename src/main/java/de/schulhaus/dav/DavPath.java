package de.schulhaus.dav;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a repository, as decoded segments; the root is the empty list. Built only from
 * segments that passed {@link #segment}: no {@code .} or {@code ..}, no slash or NUL inside one.
 */
public record DavPath(List<String> segments) {

	public static final DavPath ROOT = new DavPath(List.of());

	public DavPath {
		segments = List.copyOf(segments);
	}

	public boolean isRoot() {
		return segments.isEmpty();
	}

	/** The last segment; empty for the root. */
	public String name() {
		return isRoot() ? "" : segments.get(segments.size() - 1);
	}

	public DavPath parent() {
		return isRoot() ? this : new DavPath(segments.subList(0, segments.size() - 1));
	}

	public DavPath child(String name) {
		List<String> more = new ArrayList<>(segments);
		more.add(name);
		return new DavPath(more);
	}

	/** Whether this is {@code other} or lies below it. */
	public boolean within(DavPath other) {
		return segments.size() >= other.segments.size() && segments.subList(0, other.segments.size()).equals(other.segments);
	}

	/** This path's place under {@code from}, moved under {@code to}. */
	public DavPath rebase(DavPath from, DavPath to) {
		List<String> moved = new ArrayList<>(to.segments);
		moved.addAll(segments.subList(from.segments.size(), segments.size()));
		return new DavPath(moved);
	}

	@Override
	public String toString() {
		return "/" + String.join("/", segments);
	}
}
