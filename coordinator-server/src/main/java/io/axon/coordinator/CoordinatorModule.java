package io.axon.coordinator;

import dagger.Module;

/**
 * Bindings that are not plain {@code @Inject} constructors. The clock and the configuration are
 * bound by {@link CoordinatorComponent.Factory}.
 */
@Module
interface CoordinatorModule {}
