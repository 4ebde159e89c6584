package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
  private static final String URL = "http://coordinator:8080";

  @TempDir Path dir;

  @Test
  void loadsTheIdentityItSaved() throws Exception {
    IdentityStore store = new IdentityStore(dir);
    store.save(new HostIdentity(URL, 42, "secret-token"));

    assertThat(new IdentityStore(dir).load(URL))
        .contains(new HostIdentity(URL, 42, "secret-token"));
  }

  @Test
  void hasNothingBeforeTheFirstRegistration() throws Exception {
    assertThat(new IdentityStore(dir).load(URL)).isEmpty();
  }

  @Test
  void keepsTheTokenReadableByItsOwnerOnly() throws Exception {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
    IdentityStore store = new IdentityStore(dir);
    store.save(new HostIdentity(URL, 1, "t"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void replacesTheFileWithoutLeavingTemporaryFiles() throws Exception {
    IdentityStore store = new IdentityStore(dir);
    store.save(new HostIdentity(URL, 1, "old"));
    store.save(new HostIdentity(URL, 2, "new"));

    assertThat(store.load(URL)).contains(new HostIdentity(URL, 2, "new"));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(store.file());
    }
  }

  @Test
  void ignoresTheIdentityOfAnotherCoordinator() throws Exception {
    new IdentityStore(dir).save(new HostIdentity("http://elsewhere", 7, "t"));

    assertThat(new IdentityStore(dir).load(URL)).isEmpty();
  }

  @Test
  void treatsAnUnreadableFileAsNoIdentity() throws Exception {
    Files.writeString(dir.resolve(IdentityStore.FILE_NAME), "hostId=not-a-number\n");

    assertThat(new IdentityStore(dir).load(URL)).isEmpty();
  }

  @Test
  void neverPrintsTheToken() {
    assertThat(new HostIdentity(URL, 3, "secret-token").toString()).doesNotContain("secret");
  }
}
