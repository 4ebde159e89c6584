package io.axon.coordinator.workunit;

import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ValidateState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BOINC's validator for bit-deterministic kernels: replicas agree when their models have the same
 * SHA-256. Whether an upload is a finite model of the job's shape is checked when it arrives
 * (otherwise it is VALIDATE_ERROR at once); this compares the ones that are.
 *
 * <p>A pure function of the unit and its replicas: the {@link Transitioner} applies its verdict in
 * the transaction that holds the unit's lock.
 */
public final class Validator {
  private Validator() {}

  /**
   * What to make of a unit's successful replicas.
   *
   * @param canonicalId the replica chosen now as the unit's result, or null
   * @param states the new validate state of each replica that changes
   * @param needsAnotherReplica a quorum disagreed: one more replica may settle it
   */
  public record Verdict(
      Long canonicalId, Map<Long, ValidateState> states, boolean needsAnotherReplica) {
    public static final Verdict NOTHING = new Verdict(null, Map.of(), false);
  }

  /**
   * Judges the SUCCESS replicas not judged yet (INIT) or left INCONCLUSIVE.
   *
   * <ul>
   *   <li>With a canonical result already, each is VALID if its hash equals it, else INVALID.
   *   <li>Otherwise, once at least {@code minQuorum} of them are in: the first group (by replica
   *       id) of at least {@code minQuorum} equal hashes wins; its oldest replica becomes
   *       canonical, the group VALID and the rest INVALID. No such group: all INCONCLUSIVE, and one
   *       more replica is needed.
   *   <li>Fewer than {@code minQuorum}: wait.
   * </ul>
   */
  public static Verdict judge(int minQuorum, String canonicalSha256, List<Replica> replicas) {
    List<Replica> pending = new ArrayList<>();
    for (Replica r : replicas) {
      if (r.outcome() == Outcome.SUCCESS
          && (r.validateState() == ValidateState.INIT
              || r.validateState() == ValidateState.INCONCLUSIVE)) {
        pending.add(r);
      }
    }
    if (pending.isEmpty()) {
      return Verdict.NOTHING;
    }
    Map<Long, ValidateState> states = new LinkedHashMap<>();
    if (canonicalSha256 != null) {
      for (Replica r : pending) {
        states.put(
            r.id(),
            canonicalSha256.equals(r.resultSha256()) ? ValidateState.VALID : ValidateState.INVALID);
      }
      return new Verdict(null, states, false);
    }
    if (pending.size() < minQuorum) {
      return Verdict.NOTHING;
    }
    Map<String, List<Replica>> byHash = new LinkedHashMap<>();
    for (Replica r : pending) {
      byHash.computeIfAbsent(r.resultSha256(), k -> new ArrayList<>()).add(r);
    }
    for (List<Replica> group : byHash.values()) {
      if (group.size() >= minQuorum) {
        String winner = group.get(0).resultSha256();
        for (Replica r : pending) {
          states.put(
              r.id(),
              winner.equals(r.resultSha256()) ? ValidateState.VALID : ValidateState.INVALID);
        }
        return new Verdict(group.get(0).id(), states, false);
      }
    }
    for (Replica r : pending) {
      if (r.validateState() != ValidateState.INCONCLUSIVE) {
        states.put(r.id(), ValidateState.INCONCLUSIVE);
      }
    }
    return new Verdict(null, states, true);
  }
}
