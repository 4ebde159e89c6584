/**
 * Desktop user-idle detectors, one small class per method, and {@link
 * io.axon.core.monitor.idle.IdleDetectors}, which chains the ones an OS supports in a {@link
 * io.axon.core.monitor.idle.FallbackIdleDetector}: the first that knows answers; when none does,
 * the answer is unknown and names every reason. Native calls go through JNA (which OSHI already
 * brings); a missing library is an unknown answer, never an error. See {@link io.axon.core.monitor}
 * for the per-OS table.
 */
package io.axon.core.monitor.idle;
