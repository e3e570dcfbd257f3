package de.schulhaus.chat.internal;

/**
 * A room a person may read, whether they may post there right now, and whether they lead it (the
 * group's teacher or leader: moderates, e.g. deletes any message).
 */
public record RoomRights(Room room, boolean mayPost, boolean leader) {
}
