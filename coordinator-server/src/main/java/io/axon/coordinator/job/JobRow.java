package io.axon.coordinator.job;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.training.ModelSpec;

/** One row of the {@code jobs} table. */
public record JobRow(
    long id,
    String name,
    JobState state,
    String specJson,
    int round,
    int rounds,
    int inputs,
    int outputs,
    long trainRows,
    long holdoutRows,
    String modelSha256,
    String holdoutSha256,
    String failureReason) {

  public JobSpec spec() {
    return ProtocolJson.fromJson(specJson, JobSpec.class);
  }

  /** The model shape: the spec's family and hidden layers, the CSV's features and classes. */
  public ModelSpec modelSpec() {
    return modelSpec(spec());
  }

  public ModelSpec modelSpec(JobSpec spec) {
    return new ModelSpec(spec.model(), inputs, outputs, spec.hidden());
  }
}
