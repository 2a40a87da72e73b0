package dev.latchkey.adapter.postgres.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source in front of a real one that a test can switch off (connections are refused as by
 * an unreachable server) and that counts the statements prepared on its connections.
 */
public final class SwitchableDataSource implements DataSource {
  private final DataSource target;
  private final AtomicInteger statements = new AtomicInteger();
  private volatile boolean down;

  public SwitchableDataSource(DataSource target) {
    this.target = target;
  }

  public void down() {
    down = true;
  }

  public void up() {
    down = false;
  }

  /** Statements prepared or created so far. */
  public int statements() {
    return statements.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      throw new SQLTransientConnectionException("switched off by the test");
    }
    return counting(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (down) {
      throw new SQLTransientConnectionException("switched off by the test");
    }
    return counting(target.getConnection(username, password));
  }

  private Connection counting(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
            statements.incrementAndGet();
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return target.isWrapperFor(type);
  }
}
