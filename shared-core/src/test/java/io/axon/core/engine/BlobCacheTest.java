package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
  private static final byte[] BLOB = "a shard".getBytes(StandardCharsets.UTF_8);
  private static final String SHA = Sha256.hex(BLOB);

  @TempDir Path dir;
  private final List<String> fetched = new ArrayList<>();

  private BlobCache.Source serving(byte[] bytes) {
    return sha -> {
      fetched.add(sha);
      return bytes.clone();
    };
  }

  @Test
  void fetchesAMissingBlobOnceAndThenServesItFromDisk() throws Exception {
    BlobCache cache = new BlobCache(dir, 1 << 20);

    assertThat(cache.get(SHA, serving(BLOB))).isEqualTo(BLOB);
    assertThat(new BlobCache(dir, 1 << 20).get(SHA, serving(BLOB))).isEqualTo(BLOB);
    assertThat(fetched).containsExactly(SHA);
    assertThat(dir.resolve(SHA)).hasBinaryContent(BLOB);
  }

  @Test
  void deletesACorruptCachedBlobAndFetchesItAgain() throws Exception {
    BlobCache cache = new BlobCache(dir, 1 << 20);
    cache.get(SHA, serving(BLOB));
    Files.write(dir.resolve(SHA), "bit rot".getBytes(StandardCharsets.UTF_8));

    assertThat(cache.get(SHA, serving(BLOB))).isEqualTo(BLOB);
    assertThat(fetched).containsExactly(SHA, SHA);
    assertThat(dir.resolve(SHA)).hasBinaryContent(BLOB);
  }

  @Test
  void refusesAndDoesNotStoreABlobWhoseBytesDoNotMatchItsName() {
    BlobCache cache = new BlobCache(dir, 1 << 20);

    assertThatThrownBy(() -> cache.get(SHA, serving("something else".getBytes())))
        .isInstanceOf(BlobCache.BlobIntegrityException.class)
        .hasMessageContaining(SHA);
    assertThat(dir.resolve(SHA)).doesNotExist();
  }

  @Test
  void rejectsNamesThatAreNotHashes() {
    BlobCache cache = new BlobCache(dir, 1 << 20);

    assertThatThrownBy(() -> cache.get("../host.properties", serving(BLOB)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void evictsTheLeastRecentlyUsedBlobsBeyondItsBudget() throws Exception {
    byte[] a = new byte[600];
    byte[] b = new byte[600];
    b[0] = 1;
    byte[] c = new byte[600];
    c[0] = 2;
    BlobCache cache = new BlobCache(dir, 1300);
    cache.get(Sha256.hex(a), serving(a));
    cache.get(Sha256.hex(b), serving(b));
    Files.setLastModifiedTime(dir.resolve(Sha256.hex(b)), FileTime.fromMillis(1_000));
    Files.setLastModifiedTime(dir.resolve(Sha256.hex(a)), FileTime.fromMillis(2_000));

    cache.get(Sha256.hex(c), serving(c));

    assertThat(dir.resolve(Sha256.hex(a))).exists();
    assertThat(dir.resolve(Sha256.hex(b))).doesNotExist();
    assertThat(dir.resolve(Sha256.hex(c))).exists();
  }

  @Test
  void trimsToTheBudgetInForceWhenABlobIsAdded() throws Exception {
    AtomicLong budget = new AtomicLong(100);
    BlobCache cache = new BlobCache(dir, budget::get);
    byte[] first = "first blob".getBytes(StandardCharsets.UTF_8);
    byte[] second = "second blob".getBytes(StandardCharsets.UTF_8);
    cache.get(Sha256.hex(first), serving(first));
    Files.setLastModifiedTime(dir.resolve(Sha256.hex(first)), FileTime.fromMillis(1000));
    cache.get(Sha256.hex(second), serving(second));
    assertThat(dir.resolve(Sha256.hex(first))).exists();

    budget.set(15); // the volunteer lowered the cache cap: only the newest blob fits
    byte[] third = "third blob".getBytes(StandardCharsets.UTF_8);
    cache.get(Sha256.hex(third), serving(third));

    assertThat(dir.resolve(Sha256.hex(first))).doesNotExist();
    assertThat(dir.resolve(Sha256.hex(second))).doesNotExist();
    assertThat(dir.resolve(Sha256.hex(third))).exists();
  }
}
