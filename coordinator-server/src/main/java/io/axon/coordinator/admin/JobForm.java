package io.axon.coordinator.admin;

import io.axon.core.protocol.JobSpec;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The new-job form: its fields as typed (kept to show again beside a refusal) and the {@link
 * JobSpec} they make, whose own checks give the messages for values out of range.
 */
final class JobForm {
  static final List<String> FIELDS =
      List.of(
          "name",
          "dataset",
          "labelColumn",
          "model",
          "hidden",
          "learningRate",
          "momentum",
          "l2",
          "batchSize",
          "shards",
          "localEpochs",
          "rounds",
          "targetAccuracy",
          "holdoutFraction",
          "seed",
          "targetReplicas",
          "minQuorum",
          "deadlineSeconds",
          "aggregation",
          "payoutPerCredit",
          "minCores",
          "minMemoryMiB",
          "maxRttMillis");

  private JobForm() {}

  /** The values a new form starts with. */
  static Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : FIELDS) {
      values.put(field, "");
    }
    values.put("model", "LOGISTIC");
    values.put("learningRate", "0.1");
    values.put("momentum", "0.0");
    values.put("l2", "0.0");
    values.put("batchSize", "16");
    values.put("shards", "4");
    values.put("localEpochs", "2");
    values.put("rounds", "5");
    values.put("holdoutFraction", "0.2");
    values.put("seed", "42");
    values.put("targetReplicas", "2");
    values.put("minQuorum", "2");
    values.put("aggregation", "FEDAVG");
    values.put("payoutPerCredit", "0");
    values.put("minCores", "0");
    values.put("minMemoryMiB", "0");
    return values;
  }

  static Map<String, String> of(Function<String, String> param) {
    Map<String, String> values = defaults();
    for (String field : FIELDS) {
      String value = param.apply(field);
      values.put(field, value == null ? "" : value.trim());
    }
    return values;
  }

  /** The spec the values describe, or an {@link AdminException} naming the first bad field. */
  static JobSpec spec(Map<String, String> v) {
    try {
      ModelKind model = ModelKind.valueOf(required(v, "model"));
      List<Integer> hidden = new ArrayList<>();
      if (!v.get("hidden").isBlank()) {
        for (String width : v.get("hidden").split("[,\\s]+")) {
          hidden.add(integer("hidden", width));
        }
      }
      Hyperparameters hyperparameters =
          new Hyperparameters(
              decimal("learningRate", v.get("learningRate")),
              decimal("momentum", v.get("momentum")),
              decimal("l2", v.get("l2")),
              integer("batchSize", v.get("batchSize")));
      int targetReplicas = integer("targetReplicas", v.get("targetReplicas"));
      int minQuorum = integer("minQuorum", v.get("minQuorum"));
      Long deadline =
          v.get("deadlineSeconds").isBlank()
              ? null
              : (long) integer("deadlineSeconds", v.get("deadlineSeconds"));
      JobSpec.Replication replication =
          new JobSpec.Replication(
              targetReplicas, minQuorum, 3, Math.max(8, targetReplicas), deadline, minQuorum > 1);
      Long maxRtt =
          v.get("maxRttMillis").isBlank()
              ? null
              : (long) integer("maxRttMillis", v.get("maxRttMillis"));
      JobSpec.Placement placement =
          new JobSpec.Placement(
              integer("minCores", v.get("minCores")),
              integer("minMemoryMiB", v.get("minMemoryMiB")) * 1024L * 1024L,
              maxRtt);
      JobSpec.Aggregation aggregation =
          new JobSpec.Aggregation(
              JobSpec.Aggregation.Method.valueOf(required(v, "aggregation")),
              JobSpec.Aggregation.DEFAULT.trimFraction());
      return new JobSpec(
          required(v, "name"),
          model,
          hidden,
          hyperparameters,
          required(v, "labelColumn"),
          integer("shards", v.get("shards")),
          integer("localEpochs", v.get("localEpochs")),
          integer("rounds", v.get("rounds")),
          v.get("targetAccuracy").isBlank()
              ? null
              : decimal("targetAccuracy", v.get("targetAccuracy")),
          decimal("holdoutFraction", v.get("holdoutFraction")),
          Long.parseLong(required(v, "seed")),
          replication,
          aggregation,
          JobSpec.RoundClosing.DEFAULT,
          placement,
          v.get("payoutPerCredit").isBlank() ? "0" : v.get("payoutPerCredit"));
    } catch (AdminException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new AdminException(400, e.getMessage());
    }
  }

  static List<String> models() {
    return Arrays.stream(ModelKind.values()).map(Enum::name).toList();
  }

  static List<String> aggregations() {
    return Arrays.stream(JobSpec.Aggregation.Method.values()).map(Enum::name).toList();
  }

  private static String required(Map<String, String> v, String field) {
    String value = v.get(field);
    if (value == null || value.isBlank()) {
      throw new AdminException(400, field + " is required.");
    }
    return value;
  }

  private static int integer(String field, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new AdminException(400, field + " must be a whole number, got '" + text + "'.");
    }
  }

  private static double decimal(String field, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new AdminException(400, field + " must be a number, got '" + text + "'.");
    }
  }
}
