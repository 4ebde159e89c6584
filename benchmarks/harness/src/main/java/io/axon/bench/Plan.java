package io.axon.bench;

import io.axon.bench.link.Link;
import java.util.List;
import java.util.TreeSet;

/**
 * What a run measures. {@link #quick} fits in about ten minutes on two cores; {@link #paper} is the
 * full set of the seed paper's points. Volunteer counts grow with the core count given.
 */
record Plan(
    String name,
    int repeats,
    List<Integer> lrRows,
    List<Integer> volunteers,
    int lrMaxRounds,
    List<Integer> sparkRows,
    List<String> sparkMasters,
    List<Integer> mnistWorkers,
    int mnistEpochs,
    int mnistRepeats,
    List<Integer> edgeRows,
    List<Integer> edgeVolunteers,
    List<Link> edgeLinks,
    int edgeRepeats) {

  static final int BIG = 780_000;

  /** The fixed-rounds overhead job (Fig 4b over many rounds): its rows and rounds. */
  static final int ROUNDS_ROWS = 7_800;

  static final int OVERHEAD_ROUNDS = 20;

  static Plan quick(int cores, int repeats) {
    return new Plan(
        "quick",
        repeats > 0 ? repeats : 3,
        List.of(322, BIG),
        counts(List.of(1, 2), cores),
        30,
        List.of(BIG),
        masters(cores),
        List.of(2),
        10,
        repeats > 0 ? repeats : 2,
        List.of(78_000),
        List.of(1, 2),
        List.of(Link.of(20, 10), Link.of(100, 10)),
        repeats > 0 ? repeats : 2);
  }

  static Plan paper(int cores, int repeats) {
    return new Plan(
        "paper",
        repeats > 0 ? repeats : 5,
        List.of(322, 7_800, 78_000, 390_000, BIG),
        counts(List.of(1, 2, 4, 8), cores),
        40,
        List.of(322, 7_800, 78_000, 390_000, BIG),
        masters(cores),
        List.of(2, 6, 8),
        20,
        repeats > 0 ? repeats : 3,
        List.of(78_000, BIG),
        List.of(1, 2, 4),
        List.of(Link.of(20, 10), Link.of(100, 10)),
        repeats > 0 ? repeats : 3);
  }

  /** The given counts, plus one volunteer per core but one (the coordinator's) on a bigger box. */
  private static List<Integer> counts(List<Integer> base, int cores) {
    TreeSet<Integer> all = new TreeSet<>(base);
    if (cores - 1 > all.last()) {
      all.add(cores - 1);
    }
    return List.copyOf(all);
  }

  private static List<String> masters(int cores) {
    return cores > 2
        ? List.of("local[1]", "local[2]", "local[" + cores + "]")
        : List.of("local[1]", "local[2]");
  }
}
