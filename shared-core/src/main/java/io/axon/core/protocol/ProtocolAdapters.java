package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/**
 * The explicit JSON adapter of every wire message, its nested types and enums. Field names are the
 * record component names, in declaration order.
 */
final class ProtocolAdapters implements JsonAdapter.Factory {
  private static final List<JsonAdapter.Factory> PARTS =
      List.of(new LifecycleAdapters(), new CreditAdapters(), new HostTableAdapters());

  /**
   * Comes right after {@link ProtocolAdapters}, before Moshi's reflective class and record
   * adapters: an Axon type without an explicit adapter is a bug to catch on the desktop, not a
   * crash on a phone.
   */
  static final JsonAdapter.Factory NO_REFLECTION =
      (type, annotations, moshi) -> {
        if (Types.getRawType(type).getName().startsWith("io.axon.")) {
          throw new IllegalArgumentException(
              "no explicit JSON adapter for "
                  + Types.getRawType(type).getName()
                  + "; add one to ProtocolAdapters (reflection breaks once D8 desugars records)");
        }
        return null;
      };

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()
        || !(type instanceof Class)
        || !((Class<?>) type).getName().startsWith("io.axon.")) {
      return null;
    }
    JsonAdapter<String> string = moshi.adapter(String.class);
    JsonAdapter<Integer> int32 = moshi.adapter(int.class);
    JsonAdapter<Long> int64 = moshi.adapter(long.class);
    JsonAdapter<Double> float64 = moshi.adapter(double.class);
    JsonAdapter<List<Integer>> ints =
        moshi.adapter(Types.newParameterizedType(List.class, Integer.class));

    if (type == ModelKind.class) {
      return new EnumAdapter<>(ModelKind.values());
    }
    if (type == Heartbeat.HostState.class) {
      return new EnumAdapter<>(Heartbeat.HostState.values());
    }
    if (type == JobStatus.JobState.class) {
      return new EnumAdapter<>(JobStatus.JobState.values());
    }
    if (type == ModelSpec.class) {
      return RecordAdapter.<ModelSpec>builder("ModelSpec")
          .field("kind", moshi.adapter(ModelKind.class), ModelSpec::kind)
          .field("inputs", int32, ModelSpec::inputs)
          .field("outputs", int32, ModelSpec::outputs)
          .optional("hidden", ints, ModelSpec::hidden)
          .build(
              v ->
                  new ModelSpec(v.get("kind"), v.get("inputs"), v.get("outputs"), v.get("hidden")));
    }
    if (type == Hyperparameters.class) {
      return RecordAdapter.<Hyperparameters>builder("Hyperparameters")
          .field("learningRate", float64, Hyperparameters::learningRate)
          .field("momentum", float64, Hyperparameters::momentum)
          .field("l2", float64, Hyperparameters::l2)
          .field("batchSize", int32, Hyperparameters::batchSize)
          .build(
              v ->
                  new Hyperparameters(
                      v.get("learningRate"), v.get("momentum"), v.get("l2"), v.get("batchSize")));
    }
    if (type == HostRegistration.class) {
      return RecordAdapter.<HostRegistration>builder("HostRegistration")
          .field("name", string, HostRegistration::name)
          .field("platform", string, HostRegistration::platform)
          .field("cores", int32, HostRegistration::cores)
          .field("memoryBytes", int64, HostRegistration::memoryBytes)
          .field("clientVersion", string, HostRegistration::clientVersion)
          .optional("accountKey", string, HostRegistration::accountKey)
          .optional(
              "kernels",
              moshi.<List<ModelKind>>adapter(
                  Types.newParameterizedType(List.class, ModelKind.class)),
              HostRegistration::kernels)
          .build(
              v ->
                  new HostRegistration(
                      v.get("name"),
                      v.get("platform"),
                      v.get("cores"),
                      v.get("memoryBytes"),
                      v.get("clientVersion"),
                      v.get("accountKey"),
                      v.get("kernels")));
    }
    if (type == HostRegistered.class) {
      return RecordAdapter.<HostRegistered>builder("HostRegistered")
          .field("hostId", int64, HostRegistered::hostId)
          .field("token", string, HostRegistered::token)
          .build(v -> new HostRegistered(v.get("hostId"), v.get("token")));
    }
    if (type == Heartbeat.class) {
      return RecordAdapter.<Heartbeat>builder("Heartbeat")
          .field("state", moshi.adapter(Heartbeat.HostState.class), Heartbeat::state)
          .optional("workUnitId", moshi.adapter(Long.class), Heartbeat::workUnitId)
          .field("threads", int32, Heartbeat::threads)
          .optional("rttMillis", moshi.adapter(Long.class), Heartbeat::rttMillis)
          .build(
              v ->
                  new Heartbeat(
                      v.get("state"), v.get("workUnitId"), v.get("threads"), v.get("rttMillis")));
    }
    if (type == HeartbeatReply.class) {
      return RecordAdapter.<HeartbeatReply>builder("HeartbeatReply")
          .field("serverTimeMillis", int64, HeartbeatReply::serverTimeMillis)
          .field("nextHeartbeatSeconds", int32, HeartbeatReply::nextHeartbeatSeconds)
          .build(v -> new HeartbeatReply(v.get("serverTimeMillis"), v.get("nextHeartbeatSeconds")));
    }
    if (type == WorkRequest.class) {
      return RecordAdapter.<WorkRequest>builder("WorkRequest")
          .field("threads", int32, WorkRequest::threads)
          .field("memoryBytes", int64, WorkRequest::memoryBytes)
          .optional(
              "heldUnits",
              moshi.<List<Long>>adapter(Types.newParameterizedType(List.class, Long.class)),
              WorkRequest::heldUnits)
          .optional("flopsPerSecond", int64, WorkRequest::flopsPerSecond)
          .optional("queuedSeconds", float64, WorkRequest::queuedSeconds)
          .build(
              v -> {
                Long flopsPerSecond = v.get("flopsPerSecond");
                Double queuedSeconds = v.get("queuedSeconds");
                return new WorkRequest(
                    v.get("threads"),
                    v.get("memoryBytes"),
                    v.get("heldUnits"),
                    flopsPerSecond == null ? 0 : flopsPerSecond,
                    queuedSeconds == null ? 0 : queuedSeconds);
              });
    }
    if (type == BlobRef.class) {
      return RecordAdapter.<BlobRef>builder("BlobRef")
          .field("sha256", string, BlobRef::sha256)
          .field("size", int64, BlobRef::size)
          .build(v -> new BlobRef(v.get("sha256"), v.get("size")));
    }
    if (type == WorkAssignment.class) {
      JsonAdapter<BlobRef> blob = moshi.adapter(BlobRef.class);
      return RecordAdapter.<WorkAssignment>builder("WorkAssignment")
          .field("workUnitId", int64, WorkAssignment::workUnitId)
          .field("jobId", int64, WorkAssignment::jobId)
          .field("jobName", string, WorkAssignment::jobName)
          .field("round", int32, WorkAssignment::round)
          .field("model", moshi.adapter(ModelSpec.class), WorkAssignment::model)
          .field(
              "hyperparameters",
              moshi.adapter(Hyperparameters.class),
              WorkAssignment::hyperparameters)
          .field("localEpochs", int32, WorkAssignment::localEpochs)
          .field("seed", int64, WorkAssignment::seed)
          .field("modelBlob", blob, WorkAssignment::modelBlob)
          .field("shardBlob", blob, WorkAssignment::shardBlob)
          .field("deadlineMillis", int64, WorkAssignment::deadlineMillis)
          .field("flops", int64, WorkAssignment::flops)
          .build(
              v ->
                  new WorkAssignment(
                      v.get("workUnitId"),
                      v.get("jobId"),
                      v.get("jobName"),
                      v.get("round"),
                      v.get("model"),
                      v.get("hyperparameters"),
                      v.get("localEpochs"),
                      v.get("seed"),
                      v.get("modelBlob"),
                      v.get("shardBlob"),
                      v.get("deadlineMillis"),
                      v.get("flops")));
    }
    if (type == WorkReply.class) {
      return RecordAdapter.<WorkReply>builder("WorkReply")
          .optional("assignment", moshi.adapter(WorkAssignment.class), WorkReply::assignment)
          .field("retryAfterSeconds", int32, WorkReply::retryAfterSeconds)
          .build(v -> new WorkReply(v.get("assignment"), v.get("retryAfterSeconds")));
    }
    if (type == ResultReport.class) {
      return RecordAdapter.<ResultReport>builder("ResultReport")
          .field("workUnitId", int64, ResultReport::workUnitId)
          .field("modelSha256", string, ResultReport::modelSha256)
          .optional("trainLoss", float64, r -> finiteOrNull(r.trainLoss()))
          .field("samples", int64, ResultReport::samples)
          .field("flops", int64, ResultReport::flops)
          .field("elapsedMillis", int64, ResultReport::elapsedMillis)
          .build(
              v ->
                  new ResultReport(
                      v.get("workUnitId"),
                      v.get("modelSha256"),
                      orNaN(v.get("trainLoss")),
                      v.get("samples"),
                      v.get("flops"),
                      v.get("elapsedMillis")));
    }
    if (type == ResultReply.class) {
      return RecordAdapter.<ResultReply>builder("ResultReply")
          .field("workUnitId", int64, ResultReply::workUnitId)
          .field("accepted", moshi.adapter(boolean.class), ResultReply::accepted)
          .optional("detail", string, ResultReply::detail)
          .build(v -> new ResultReply(v.get("workUnitId"), v.get("accepted"), v.get("detail")));
    }
    if (type == ErrorBody.class) {
      return RecordAdapter.<ErrorBody>builder("ErrorBody")
          .field("error", string, ErrorBody::error)
          .optional("detail", string, ErrorBody::detail)
          .build(v -> new ErrorBody(v.get("error"), v.get("detail")));
    }
    if (type == JobSpec.class) {
      return RecordAdapter.<JobSpec>builder("JobSpec")
          .field("name", string, JobSpec::name)
          .field("model", moshi.adapter(ModelKind.class), JobSpec::model)
          .optional("hidden", ints, JobSpec::hidden)
          .field("hyperparameters", moshi.adapter(Hyperparameters.class), JobSpec::hyperparameters)
          .field("labelColumn", string, JobSpec::labelColumn)
          .field("shards", int32, JobSpec::shards)
          .field("localEpochs", int32, JobSpec::localEpochs)
          .field("rounds", int32, JobSpec::rounds)
          .optional("targetAccuracy", moshi.adapter(Double.class), JobSpec::targetAccuracy)
          .field("holdoutFraction", float64, JobSpec::holdoutFraction)
          .field("seed", int64, JobSpec::seed)
          // the lifecycle parts (LifecycleAdapters): optional, defaults when absent
          .optional("replication", moshi.adapter(JobSpec.Replication.class), JobSpec::replication)
          .optional("aggregation", moshi.adapter(JobSpec.Aggregation.class), JobSpec::aggregation)
          .optional(
              "roundClosing", moshi.adapter(JobSpec.RoundClosing.class), JobSpec::roundClosing)
          .optional("placement", moshi.adapter(JobSpec.Placement.class), JobSpec::placement)
          .optional("payoutPerCredit", string, JobSpec::payoutPerCredit)
          .build(
              v ->
                  new JobSpec(
                      v.get("name"),
                      v.get("model"),
                      v.get("hidden"),
                      v.get("hyperparameters"),
                      v.get("labelColumn"),
                      v.get("shards"),
                      v.get("localEpochs"),
                      v.get("rounds"),
                      v.get("targetAccuracy"),
                      v.get("holdoutFraction"),
                      v.get("seed"),
                      v.get("replication"),
                      v.get("aggregation"),
                      v.get("roundClosing"),
                      v.get("placement"),
                      v.get("payoutPerCredit")));
    }
    if (type == JobStatus.RoundMetrics.class) {
      return RecordAdapter.<JobStatus.RoundMetrics>builder("RoundMetrics")
          .field("round", int32, JobStatus.RoundMetrics::round)
          .optional("loss", float64, m -> finiteOrNull(m.loss()))
          .optional("accuracy", float64, m -> finiteOrNull(m.accuracy()))
          .field("finishedMillis", int64, JobStatus.RoundMetrics::finishedMillis)
          .build(
              v ->
                  new JobStatus.RoundMetrics(
                      v.get("round"),
                      orNaN(v.get("loss")),
                      orNaN(v.get("accuracy")),
                      v.get("finishedMillis")));
    }
    if (type == JobStatus.class) {
      JsonAdapter<List<JobStatus.RoundMetrics>> metrics =
          moshi.adapter(Types.newParameterizedType(List.class, JobStatus.RoundMetrics.class));
      return RecordAdapter.<JobStatus>builder("JobStatus")
          .field("id", int64, JobStatus::id)
          .field("name", string, JobStatus::name)
          .field("state", moshi.adapter(JobStatus.JobState.class), JobStatus::state)
          .field("round", int32, JobStatus::round)
          .field("rounds", int32, JobStatus::rounds)
          .field("inputs", int32, JobStatus::inputs)
          .field("outputs", int32, JobStatus::outputs)
          .field("trainRows", int64, JobStatus::trainRows)
          .field("holdoutRows", int64, JobStatus::holdoutRows)
          .optional("modelSha256", string, JobStatus::modelSha256)
          .optional("metrics", metrics, JobStatus::metrics)
          .optional("failureReason", string, JobStatus::failureReason)
          .build(
              v ->
                  new JobStatus(
                      v.get("id"),
                      v.get("name"),
                      v.get("state"),
                      v.get("round"),
                      v.get("rounds"),
                      v.get("inputs"),
                      v.get("outputs"),
                      v.get("trainRows"),
                      v.get("holdoutRows"),
                      v.get("modelSha256"),
                      v.get("metrics"),
                      v.get("failureReason")));
    }
    // Adapters of the records added per feature, each kept in its own file.
    for (JsonAdapter.Factory part : PARTS) {
      JsonAdapter<?> adapter = part.create(type, annotations, moshi);
      if (adapter != null) {
        return adapter;
      }
    }
    return null;
  }

  /**
   * JSON has no NaN or Infinity: a metric that has none (accuracy of a regression) or that diverged
   * travels as null and reads back as NaN.
   */
  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
