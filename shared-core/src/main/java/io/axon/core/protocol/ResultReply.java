package io.axon.core.protocol;

/** The reply to a {@link ResultReport}. */
public record ResultReply(long workUnitId, boolean accepted, String detail) {}
