package io.axon.core.protocol;

/**
 * The body of every 4xx and 5xx answer: a short machine-readable {@code error} (e.g. {@code
 * bad_request}, {@code unauthorized}) and a {@code detail} a person can act on.
 */
public record ErrorBody(String error, String detail) {}
