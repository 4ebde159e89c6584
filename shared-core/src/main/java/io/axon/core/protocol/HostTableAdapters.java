package io.axon.core.protocol;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.axon.core.training.ModelKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/** The explicit JSON adapters of the records of the shared host table. */
final class HostTableAdapters implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (type == HostInfo.State.class) {
      return new EnumAdapter<>(HostInfo.State.values());
    }
    if (type == HostInfo.class) {
      JsonAdapter<String> string = moshi.adapter(String.class);
      JsonAdapter<Integer> int32 = moshi.adapter(int.class);
      JsonAdapter<Long> int64 = moshi.adapter(long.class);
      JsonAdapter<Double> float64 = moshi.adapter(double.class);
      return RecordAdapter.<HostInfo>builder("HostInfo")
          .field("hostId", int64, HostInfo::hostId)
          .field("name", string, HostInfo::name)
          .field("platform", string, HostInfo::platform)
          .field("cores", int32, HostInfo::cores)
          .field("memoryBytes", int64, HostInfo::memoryBytes)
          .field(
              "kernels",
              moshi.<List<ModelKind>>adapter(
                  Types.newParameterizedType(List.class, ModelKind.class)),
              HostInfo::kernels)
          .field("clientVersion", string, HostInfo::clientVersion)
          .optional("accountName", string, HostInfo::accountName)
          .field("state", moshi.adapter(HostInfo.State.class), HostInfo::state)
          .field("lastHeartbeatMillis", int64, HostInfo::lastHeartbeatMillis)
          .optional("rttMillis", moshi.adapter(Long.class), HostInfo::rttMillis)
          .field("threads", int32, HostInfo::threads)
          .field("totalCredit", float64, HostInfo::totalCredit)
          .field("recentAverageCredit", float64, HostInfo::recentAverageCredit)
          .build(
              v ->
                  new HostInfo(
                      v.get("hostId"),
                      v.get("name"),
                      v.get("platform"),
                      v.get("cores"),
                      v.get("memoryBytes"),
                      v.get("kernels"),
                      v.get("clientVersion"),
                      v.get("accountName"),
                      v.get("state"),
                      v.get("lastHeartbeatMillis"),
                      v.get("rttMillis"),
                      v.get("threads"),
                      v.get("totalCredit"),
                      v.get("recentAverageCredit")));
    }
    if (type == HostTable.class) {
      return RecordAdapter.<HostTable>builder("HostTable")
          .field(
              "hosts",
              moshi.<List<HostInfo>>adapter(Types.newParameterizedType(List.class, HostInfo.class)),
              HostTable::hosts)
          .build(v -> new HostTable(v.get("hosts")));
    }
    return null;
  }
}
