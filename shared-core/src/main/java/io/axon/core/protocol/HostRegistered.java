package io.axon.core.protocol;

/**
 * The reply to a {@link HostRegistration}: the host id and the bearer token for every later call.
 * The coordinator keeps only a hash of the token; a lost token means registering again.
 */
public record HostRegistered(long hostId, String token) {}
