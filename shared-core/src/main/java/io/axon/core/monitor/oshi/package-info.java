/**
 * The desktop resource monitor on OSHI (Windows, macOS, Linux, BSD): {@link
 * io.axon.core.monitor.oshi.OshiResourceMonitor}. Kept in its own package so that an Android build
 * can leave OSHI and JNA out.
 *
 * <ul>
 *   <li>System CPU load: OSHI's tick counters ({@code /proc/stat}, {@code host_processor_info},
 *       performance counters) between two readings, at least 200 ms apart.
 *   <li>Own CPU load: this process's user + kernel time over its uptime (OSHI's {@code OSProcess};
 *       no {@code java.lang.management}, which Android lacks), divided by the logical CPUs.
 *   <li>Memory: total and available physical memory.
 *   <li>Power: no battery means mains ({@code AC}); a battery that is on line or charging means
 *       mains; one that is discharging means battery; anything else is unknown. Charge is the mean
 *       of the batteries that report one.
 *   <li>CPU temperature: OSHI's sensor value where it is plausible (0 to 125 °C); OSHI gives 0
 *       without a sensor, and on Windows it needs a WMI sensor provider (e.g. OpenHardwareMonitor),
 *       so expect NaN in virtual machines, containers and most Windows installs.
 * </ul>
 */
package io.axon.core.monitor.oshi;
