/**
 * The volunteer API v1 and the job API as records, and their JSON ({@link
 * io.axon.core.protocol.ProtocolJson}). Every endpoint is documented in docs/PROTOCOL.md.
 */
package io.axon.core.protocol;
