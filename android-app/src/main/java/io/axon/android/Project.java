package io.axon.android;

/**
 * An attached project.
 *
 * @param coordinatorUrl the coordinator's base URL, normalized
 * @param accountKey the volunteer's account key there
 * @param accountName the account's name as the coordinator gave it when attaching
 */
public record Project(String coordinatorUrl, String accountKey, String accountName) {}
