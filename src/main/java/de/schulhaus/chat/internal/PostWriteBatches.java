package de.schulhaus.chat.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.GroupCommit;

/**
 * Group commit of plain posts ({@link GroupCommit}): the posts that wait at the same moment are written together, in one
 * transaction with one commit ({@link NewMessageRows#insertAllIfAllowed}). Under the chat bench each post's own
 * commit, with its {@code fdatasync} of PostgreSQL's log, was a fifth of the database's time. A room's posts go through
 * one of a few lanes ({@link ChatProperties#postLanes()}): a post that finds nothing waiting goes at once, and the more
 * posts wait, the more share a commit, so the node catches up after a stall instead of paying a commit per post; with
 * more than one lane a database connection that stalls holds up only part of the rooms. A post is answered and
 * delivered only after its batch's commit.
 * <p>
 * A batch that fails (one statement's error rolls back all of it) sends each of its posts back to be written alone, so
 * that one bad post never costs the others; a post written alone after a commit whose answer got lost is not written
 * twice, its message id being the primary key. Only where the write is one statement
 * ({@link NewMessageRows#oneStatement()}); elsewhere each post is written alone.
 */
@Component
class PostWriteBatches implements DisposableBean {

	/** The most posts in one batch: enough for a burst of a busy node, few enough to keep one batch's request short. */
	static final int MOST = 32;

	private final NewMessageRows rows;
	/** Outcomes: a post written (present) or refused (empty); null from the batch: write it alone. */
	private final GroupCommit<NewMessageRows.NewPost, Optional<NewMessageRows.Written>> lanes;

	PostWriteBatches(NewMessageRows rows, ChatProperties properties) {
		this.rows = rows;
		this.lanes = rows.oneStatement() ? new GroupCommit<>("chat-post-writer", Math.max(1, properties.postLanes()), MOST, this::write) : null;
	}

	/** {@link NewMessageRows#insertIfAllowed}, in one transaction with the posts that wait with it. */
	Optional<NewMessageRows.Written> insertIfAllowed(NewMessageRows.NewPost post) {
		Optional<NewMessageRows.Written> written = lanes == null ? null : lanes.write(post.roomId(), post);
		return written != null ? written : rows.insertIfAllowed(post);
	}

	private List<Optional<NewMessageRows.Written>> write(List<NewMessageRows.NewPost> batch) {
		if (batch.size() == 1) {
			// one statement commits on its own: no transaction to open and commit, one round trip as without batches
			return List.of(rows.insertIfAllowed(batch.get(0)));
		}
		// by room: two nodes' batches lock the rooms they post to in the same order and never wait for each other in a
		// cycle; the sort is stable, so one room's posts keep the order in which they came
		Integer[] order = new Integer[batch.size()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, Comparator.comparing(i -> batch.get(i).roomId()));
		List<NewMessageRows.NewPost> byRoom = new ArrayList<>(batch.size());
		for (int i : order) {
			byRoom.add(batch.get(i));
		}
		List<Optional<NewMessageRows.Written>> written = rows.insertAllIfAllowed(byRoom);
		List<Optional<NewMessageRows.Written>> outcomes = new ArrayList<>(Collections.nCopies(batch.size(), null));
		for (int k = 0; k < order.length; k++) {
			outcomes.set(order[k], written.get(k));
		}
		return outcomes;
	}

	@Override
	public void destroy() {
		if (lanes != null) {
			lanes.close();
		}
	}
}
