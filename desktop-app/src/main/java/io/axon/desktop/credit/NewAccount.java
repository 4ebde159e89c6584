package io.axon.desktop.credit;

/** A volunteer account just created; the key is shown once by the coordinator. */
public record NewAccount(String name, String accountKey) {}
