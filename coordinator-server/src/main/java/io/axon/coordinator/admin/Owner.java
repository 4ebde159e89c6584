package io.axon.coordinator.admin;

/** A project owner as the pages see it: never its password hash or tokens. */
public record Owner(long id, String name, boolean admin) {}
