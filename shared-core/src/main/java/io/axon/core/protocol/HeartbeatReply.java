package io.axon.core.protocol;

/** The reply to a {@link Heartbeat}: server time, and when to send the next one. */
public record HeartbeatReply(long serverTimeMillis, int nextHeartbeatSeconds) {}
