package io.axon.desktop.volunteering;

import io.axon.desktop.settings.ProjectSettings;

/**
 * One attached project as the engine sees it.
 *
 * @param settings what the volunteer set
 * @param state what its engine does
 * @param reason why, e.g. "suspended: on battery" or "no work from the coordinator"; may be empty
 * @param hostId the host id the coordinator gave this computer, or 0 before registration
 */
public record ProjectStatus(
    ProjectSettings settings, ProjectState state, String reason, long hostId) {}
