package de.schulhaus.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reactions a message can get: a small fixed set, so every client shows the same and nothing needs moderating. */
public final class Reactions {

	/** Thumbs up, check mark, heart, laughing, surprised, party: in the order clients show them. */
	public static final List<String> EMOJI = List.of("\uD83D\uDC4D", "\u2705", "\u2764\uFE0F", "\uD83D\uDE02", "\uD83D\uDE2E", "\uD83C\uDF89");

	private Reactions() {
	}

	public static boolean known(String emoji) {
		return emoji != null && EMOJI.contains(emoji);
	}

	/** Who chose which emoji, in the set's order; emoji nobody chose are left out. */
	static List<ChatMessage.Reaction> ordered(Map<String, List<java.util.UUID>> byEmoji) {
		List<ChatMessage.Reaction> reactions = new ArrayList<>();
		for (String emoji : EMOJI) {
			List<java.util.UUID> by = byEmoji.get(emoji);
			if (by != null && !by.isEmpty()) {
				reactions.add(new ChatMessage.Reaction(emoji, List.copyOf(by)));
			}
		}
		return reactions;
	}
}
