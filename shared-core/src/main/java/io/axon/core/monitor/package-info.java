/**
 * What the volunteer engine knows about the machine it runs on: {@link
 * io.axon.core.monitor.ResourceMonitor} gives one {@link io.axon.core.monitor.Readings} snapshot
 * (CPU loads, memory, power, CPU temperature, the user's idle time); {@link
 * io.axon.core.monitor.IdleDetector} answers "how long since the last keyboard or mouse input?".
 * This package is plain Java that runs on Android; the platform implementations live beside it:
 * {@code io.axon.core.monitor.oshi} (desktop, OSHI) and {@code io.axon.core.monitor.idle} (desktop,
 * JNA). An Android build leaves both out and brings its own monitor.
 *
 * <h2>Unknown is an answer</h2>
 *
 * A value a platform cannot measure is NaN (fractions, temperature), -1 (byte counts), {@link
 * io.axon.core.monitor.PowerSource#UNKNOWN}, or {@link io.axon.core.monitor.UserIdle#unknown} whose
 * {@code method} says why ("X11: DISPLAY is not set; logind: ..."). Nothing is guessed: the engine
 * decides what an unknown means for each preference and says so in its status and event log.
 *
 * <h2>Idle detection per OS</h2>
 *
 * <table>
 *   <caption>How the desktop detectors measure idle time</caption>
 *   <tr><th>OS</th><th>Method, in order</th><th>Unknown when</th></tr>
 *   <tr>
 *     <td>Linux</td>
 *     <td>1. X11 screensaver extension ({@code XScreenSaverQueryInfo} from libXss, as {@code
 *         xprintidle}) on {@code $DISPLAY}; declined in a Wayland session, where XWayland sees only
 *         input to X11 windows. 2. logind idle hints through {@code loginctl} (no root): exact for
 *         terminal and ssh sessions (the terminal's last access), a lower bound for graphical
 *         sessions (the desktop sets the hint only after its own idle delay; without the hint the
 *         session counts as in use); the most recently used session decides; with nobody logged in,
 *         idle since the detector first saw no session.</td>
 *     <td>no usable display and no systemd/logind (containers, non-systemd distributions), or a
 *         terminal session without an idle time</td>
 *   </tr>
 *   <tr>
 *     <td>Windows</td>
 *     <td>{@code GetLastInputInfo} against {@code GetTickCount} (user32/kernel32 through JNA)</td>
 *     <td>running as a service in session 0, which never sees the user's input</td>
 *   </tr>
 *   <tr>
 *     <td>macOS</td>
 *     <td>{@code HIDIdleTime} of the IOKit service {@code IOHIDSystem} (through JNA)</td>
 *     <td>IOKit does not answer</td>
 *   </tr>
 *   <tr><td>BSD, Solaris, AIX</td><td>X11 screensaver extension only</td><td>no display</td></tr>
 * </table>
 *
 * <p>A detector whose native library is missing remembers that and does not retry; the chain logs
 * the method in use once each time it changes, not on every reading.
 *
 * <h2>Readings</h2>
 *
 * Loads are measured between two readings, never from a single sample: the machine's from the CPU
 * tick counters, Axon's own from this process's user and kernel time over its uptime, as a fraction
 * of all logical CPUs, so {@link io.axon.core.monitor.Readings#otherCpuLoad} is what the rest of
 * the machine uses. Readings are cached for about a second ({@link io.axon.core.monitor.Memoized}),
 * so the engine may ask as often as it likes.
 */
package io.axon.core.monitor;
