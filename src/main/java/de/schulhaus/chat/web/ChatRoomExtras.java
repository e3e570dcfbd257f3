package de.schulhaus.chat.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.RoomModeration;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.platform.SchulhausUser;

/** What the room page shows beside its messages: the pinned ones at the top, why the composer is off, the leader's tools. */
@Component
class ChatRoomExtras {

	private final RoomModeration moderation;
	private final AccountManagement accounts;
	private final ChatRefusals refusals;

	ChatRoomExtras(RoomModeration moderation, AccountManagement accounts, ChatRefusals refusals) {
		this.moderation = moderation;
		this.accounts = accounts;
		this.refusals = refusals;
	}

	/** Why a post was refused, as the page says it. */
	String refusal(de.schulhaus.chat.internal.PostingNotAllowedException e) {
		return refusals.text(e);
	}

	void addTo(Model model, SchulhausUser user, RoomRights open) {
		List<ChatMessage> pinned = moderation.pinned(user, open.room().id());
		model.addAttribute("pinned", pinned);
		model.addAttribute("pinnedIds", pinned.stream().map(ChatMessage::id).toList());
		model.addAttribute("whyNotPosting", refusals.whyNotPosting(open));
		model.addAttribute("silenced", moderation.silenced(user, open.room().id()));
	}
}
