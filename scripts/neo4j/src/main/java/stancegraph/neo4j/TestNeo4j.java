package stancegraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community server for Stancegraph's live tests: the embedded DBMS with Bolt on 127.0.0.1 and
 * authentication on, like a real server (the driver cannot tell the difference).
 *
 * Usage: java [flags] -cp ... stancegraph.neo4j.TestNeo4j PORT HOME_DIR [--stop-on-stdin-close], with the
 * password in the NEO4J_PASSWORD environment variable (never on the command line, where `ps` shows it).
 * Prints one line starting with "READY " once Bolt listens and the password is set. Started again on the
 * same HOME_DIR (after a stop or a kill), it recovers the data there and keeps the password. Stops cleanly
 * on SIGTERM or SIGINT, and with --stop-on-stdin-close also when its parent goes away (its stdin pipe
 * closes), so a test run that is killed outright leaves no server behind.
 */
public final class TestNeo4j {
  private TestNeo4j() {}

  public static void main(String[] args) throws Exception {
    boolean stopOnStdinClose = args.length == 3 && args[2].equals("--stop-on-stdin-close");
    if (args.length != 2 && !stopOnStdinClose) {
      System.err.println("usage: TestNeo4j PORT HOME_DIR [--stop-on-stdin-close] (password in NEO4J_PASSWORD)");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path home = Path.of(args[1]).toAbsolutePath();
    String password = System.getenv("NEO4J_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("NEO4J_PASSWORD must be set, 8 characters or more");
      System.exit(2);
    }
    String pageCache = System.getenv().getOrDefault("NEO4J_PAGE_CACHE_MB", "256");

    // A folder that already holds a DBMS is a restart (after a stop or a kill): its user already has this
    // password, and Neo4j refuses to set a password to the one it already is.
    boolean firstStart = !Files.isDirectory(home.resolve("data").resolve("databases"));

    long started = System.nanoTime();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Long.parseLong(pageCache)))
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("STOPPING");
      dbms.shutdown();
      System.out.println("STOPPED");
      System.out.flush();
      stopped.countDown();
    }, "stancegraph-neo4j-shutdown"));

    // The embedded API runs as an internal, fully privileged caller even with authentication on, so it can
    // set the password that Bolt clients must then present.
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    if (firstStart) {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    }
    String version = system.executeTransactionally(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
        Map.of(),
        result -> (String) result.next().get("v"));

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("READY bolt://127.0.0.1:" + port + " neo4j " + version + " started in " + millis + " ms");
    System.out.flush();
    if (stopOnStdinClose) {
      Thread watcher = new Thread(() -> {
        try {
          while (System.in.read() != -1) {
            // keep reading until the parent closes the pipe
          }
        } catch (java.io.IOException ignored) {
          // a broken pipe means the parent is gone too
        }
        System.exit(0); // runs the shutdown hook
      }, "stancegraph-neo4j-parent-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }
}
