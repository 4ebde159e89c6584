package io.axon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import io.axon.core.data.Dataset;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
  private static final String REGISTRATION =
      "{\"name\":\"a\",\"platform\":\"p\",\"cores\":%s,\"memoryBytes\":1,\"clientVersion\":\"v\"}";

  @Test
  void writesMetricsWithoutAValueAsNullAndReadsThemBackAsNaN() {
    JobStatus.RoundMetrics regression = new JobStatus.RoundMetrics(3, 0.25, Double.NaN, 7L);
    String json = ProtocolJson.toJson(regression);
    assertThat(json).contains("\"accuracy\":null");
    assertThat(ProtocolJson.fromJson(json, JobStatus.RoundMetrics.class)).isEqualTo(regression);
  }

  @Test
  void reportsMalformedJson() {
    assertThatThrownBy(() -> ProtocolJson.fromJson("{\"name\": ", HostRegistration.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed HostRegistration JSON");
    assertThatThrownBy(() -> ProtocolJson.fromJson("{\"name\" 1}", HostRegistration.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("$.name");
    assertThatThrownBy(() -> ProtocolJson.fromJson("", WorkRequest.class))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void rejectsTrailingGarbageAndANullDocument() {
    String request = "{\"threads\":1,\"memoryBytes\":2}";
    assertThatThrownBy(() -> ProtocolJson.fromJson(request + " {}", WorkRequest.class))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> ProtocolJson.fromJson("null", WorkRequest.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("NULL");
    assertThatThrownBy(() -> ProtocolJson.fromJson("[]", WorkRequest.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("BEGIN_OBJECT");
  }

  @Test
  void namesAWrongTypeWithItsPath() {
    assertThatThrownBy(
            () ->
                ProtocolJson.fromJson(
                    String.format(REGISTRATION, "\"four\""), HostRegistration.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Expected an int")
        .hasMessageContaining("$.cores");
  }

  @Test
  void namesAMissingFieldAndWhereItsObjectIs() {
    String json = Fixtures.read("work-reply.json").replace("\"seed\": 7,", "");

    assertThatThrownBy(() -> ProtocolJson.fromJson(json, WorkReply.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("missing required field seed of WorkAssignment")
        .hasMessageContaining("$.assignment");
  }

  @Test
  void rejectsNullForARequiredField() {
    String json = Fixtures.read("host-registered.json").replace("42", "null");

    assertThatThrownBy(() -> ProtocolJson.fromJson(json, HostRegistered.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("field hostId of HostRegistered must not be null");
  }

  @Test
  void passesOnWhatTheRecordRejects() {
    assertThatThrownBy(
            () -> ProtocolJson.fromJson(String.format(REGISTRATION, "0"), HostRegistration.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("invalid HostRegistration JSON: HostRegistration at path $:")
        .hasMessageContaining("cores must be in [1, 4096], got 0");

    String json =
        Fixtures.read("job-spec-mlp.json").replace("\"batchSize\": 32", "\"batchSize\": 0");
    assertThatThrownBy(() -> ProtocolJson.fromJson(json, JobSpec.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("$.hyperparameters")
        .hasMessageContaining("batchSize must be in [1, 65536], got 0");
  }

  @Test
  void listsTheAllowedValuesOfAnUnknownEnumConstant() {
    String json = Fixtures.read("job-spec.json").replace("\"LOGISTIC\"", "\"TREE\"");

    assertThatThrownBy(() -> ProtocolJson.fromJson(json, JobSpec.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("LOGISTIC, SOFTMAX, LINEAR, MLP")
        .hasMessageContaining("TREE")
        .hasMessageContaining("$.model");
  }

  @Test
  void ignoresUnknownFieldsForForwardCompatibility() {
    String json =
        "{\"future\":{\"nested\":[1,2]},\"threads\":3,\"gpu\":\"none\",\"memoryBytes\":5}";

    assertThat(ProtocolJson.fromJson(json, WorkRequest.class)).isEqualTo(new WorkRequest(3, 5));
  }

  @Test
  void aWorkRequestFromAnOlderVolunteerHoldsNothingAndHasAnUnknownSpeed() {
    WorkRequest request =
        ProtocolJson.fromJson("{\"threads\":2,\"memoryBytes\":7}", WorkRequest.class);

    assertThat(request.heldUnits()).isEmpty();
    assertThat(request.flopsPerSecond()).isZero();
    assertThat(request.queuedSeconds()).isZero();
  }

  @Test
  void aWorkRequestWithANegativeQueueIsRejectedWithItsPath() {
    assertThatThrownBy(
            () ->
                ProtocolJson.fromJson(
                    "{\"threads\":2,\"memoryBytes\":7,\"queuedSeconds\":-1}", WorkRequest.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("queuedSeconds");
  }

  @Test
  void readsAbsentOptionalFieldsAsNullOrEmpty() {
    String json =
        "{\"name\":\"j\",\"model\":\"LINEAR\",\"hyperparameters\":"
            + "{\"learningRate\":0.1,\"momentum\":0,\"l2\":0,\"batchSize\":8},"
            + "\"labelColumn\":\"y\",\"shards\":2,\"localEpochs\":1,\"rounds\":3,"
            + "\"holdoutFraction\":0.25,\"seed\":1}";

    JobSpec spec = ProtocolJson.fromJson(json, JobSpec.class);

    assertThat(spec.hidden()).isEmpty();
    assertThat(spec.targetAccuracy()).isNull();
    assertThat(ProtocolJson.fromJson("{\"error\":\"unauthorized\"}", ErrorBody.class))
        .isEqualTo(new ErrorBody("unauthorized", null));
  }

  @Test
  void writesAbsentOptionalValuesAsExplicitNulls() {
    assertThat(ProtocolJson.toJson(WorkReply.none(5)))
        .isEqualTo("{\"assignment\":null,\"retryAfterSeconds\":5}");
  }

  @Test
  void writesTrainingTypesWithComponentNames() {
    assertThat(ProtocolJson.toJson(ModelSpec.softmax(3, 4)))
        .isEqualTo("{\"kind\":\"SOFTMAX\",\"inputs\":3,\"outputs\":4,\"hidden\":[]}");
    assertThat(ProtocolJson.toJson(new Hyperparameters(0.5, 0, 0, 1)))
        .isEqualTo("{\"learningRate\":0.5,\"momentum\":0.0,\"l2\":0.0,\"batchSize\":1}");
    assertThat(ProtocolJson.toJson(ModelKind.MLP)).isEqualTo("\"MLP\"");
  }

  @Test
  void refusesToFallBackToReflectionForAxonTypes() {
    assertThatThrownBy(() -> ProtocolJson.moshi().adapter(Dataset.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no explicit JSON adapter for io.axon.core.data.Dataset");
  }

  /**
   * Scans the compiled protocol package: every record and enum there (and the training types the
   * messages carry) has one of our explicit adapters, never Moshi's reflective ones.
   */
  @Test
  void everyProtocolTypeHasAnExplicitAdapter() throws URISyntaxException, ClassNotFoundException {
    List<Class<?>> types =
        new ArrayList<>(List.of(ModelSpec.class, Hyperparameters.class, ModelKind.class));
    File dir =
        new File(ProtocolJson.class.getResource("ProtocolJson.class").toURI()).getParentFile();
    for (String file : dir.list()) {
      if (file.endsWith(".class")) {
        Class<?> type = Class.forName("io.axon.core.protocol." + file.replace(".class", ""));
        if (type.isRecord() || type.isEnum()) {
          types.add(type);
        }
      }
    }
    assertThat(types)
        .contains(JobStatus.RoundMetrics.class, Heartbeat.HostState.class, BlobRef.class);

    for (Class<?> type : types) {
      JsonAdapter<?> adapter = ProtocolJson.adapter(type);
      assertThat(adapter)
          .as("adapter of %s", type.getName())
          .isInstanceOfAny(RecordAdapter.class, EnumAdapter.class);
    }
  }
}
