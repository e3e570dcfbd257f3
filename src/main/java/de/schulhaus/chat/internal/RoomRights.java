package de.schulhaus.chat.internal;

/** A room a person may read, and whether they may post there right now. */
public record RoomRights(Room room, boolean mayPost) {
}
