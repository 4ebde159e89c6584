package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * The explicit JSON adapters of the records of the work-unit lifecycle: replication, aggregation,
 * stragglers and placement of a job. Every field is optional: an absent one takes its default, so
 * {@code "replication": {"targetReplicas": 1, "minQuorum": 1}} is a complete policy.
 */
final class LifecycleAdapters implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    JsonAdapter<Integer> int32 = moshi.adapter(Integer.class);
    JsonAdapter<Long> int64 = moshi.adapter(Long.class);
    JsonAdapter<Double> float64 = moshi.adapter(Double.class);
    if (type == JobSpec.Aggregation.Method.class) {
      return new EnumAdapter<>(JobSpec.Aggregation.Method.values());
    }
    if (type == JobSpec.RoundClosing.Stragglers.class) {
      return new EnumAdapter<>(JobSpec.RoundClosing.Stragglers.values());
    }
    if (type == JobSpec.Replication.class) {
      JobSpec.Replication d = JobSpec.Replication.DEFAULT;
      return RecordAdapter.<JobSpec.Replication>builder("Replication")
          .optional("targetReplicas", int32, JobSpec.Replication::targetReplicas)
          .optional("minQuorum", int32, JobSpec.Replication::minQuorum)
          .optional("maxErrorReplicas", int32, JobSpec.Replication::maxErrorReplicas)
          .optional("maxTotalReplicas", int32, JobSpec.Replication::maxTotalReplicas)
          .optional("delayBoundSeconds", int64, JobSpec.Replication::delayBoundSeconds)
          .optional("adaptive", moshi.adapter(Boolean.class), JobSpec.Replication::adaptive)
          .build(
              v -> {
                int target = or(v.get("targetReplicas"), d.targetReplicas());
                // a smaller target lowers the default quorum and raises nothing else
                int quorum = or(v.get("minQuorum"), Math.min(d.minQuorum(), target));
                int total = or(v.get("maxTotalReplicas"), Math.max(d.maxTotalReplicas(), target));
                return new JobSpec.Replication(
                    target,
                    quorum,
                    or(v.get("maxErrorReplicas"), d.maxErrorReplicas()),
                    total,
                    v.get("delayBoundSeconds"),
                    or(v.get("adaptive"), d.adaptive()));
              });
    }
    if (type == JobSpec.Aggregation.class) {
      JobSpec.Aggregation d = JobSpec.Aggregation.DEFAULT;
      return RecordAdapter.<JobSpec.Aggregation>builder("Aggregation")
          .optional(
              "method",
              moshi.adapter(JobSpec.Aggregation.Method.class),
              JobSpec.Aggregation::method)
          .optional("trimFraction", float64, JobSpec.Aggregation::trimFraction)
          .build(
              v ->
                  new JobSpec.Aggregation(
                      or(v.get("method"), d.method()),
                      or(v.get("trimFraction"), d.trimFraction())));
    }
    if (type == JobSpec.RoundClosing.class) {
      JobSpec.RoundClosing d = JobSpec.RoundClosing.DEFAULT;
      return RecordAdapter.<JobSpec.RoundClosing>builder("RoundClosing")
          .optional("minShardFraction", float64, JobSpec.RoundClosing::minShardFraction)
          .optional(
              "stragglers",
              moshi.adapter(JobSpec.RoundClosing.Stragglers.class),
              JobSpec.RoundClosing::stragglers)
          .build(
              v ->
                  new JobSpec.RoundClosing(
                      or(v.get("minShardFraction"), d.minShardFraction()),
                      or(v.get("stragglers"), d.stragglers())));
    }
    if (type == JobSpec.Placement.class) {
      return RecordAdapter.<JobSpec.Placement>builder("Placement")
          .optional("minCores", int32, JobSpec.Placement::minCores)
          .optional("minMemoryBytes", int64, JobSpec.Placement::minMemoryBytes)
          .optional("maxRttMillis", int64, JobSpec.Placement::maxRttMillis)
          .build(
              v ->
                  new JobSpec.Placement(
                      or(v.get("minCores"), 0),
                      or(v.get("minMemoryBytes"), 0L),
                      v.get("maxRttMillis")));
    }
    return null;
  }

  private static <T> T or(T value, T otherwise) {
    return value == null ? otherwise : value;
  }
}
