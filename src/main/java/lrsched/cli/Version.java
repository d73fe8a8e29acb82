package lrsched.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * lrsched's version, as the pom gives it: Maven writes it into the jar's {@code lrsched/version.properties} when it
 * builds, so the number is written in one place. Read only when a command prints it.
 */
final class Version implements IVersionProvider {

    /** {@code lrsched 0.1.0}. */
    static String line() {
        try (InputStream in = Version.class.getResourceAsStream("/lrsched/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("lrsched/version.properties is missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            return "lrsched " + p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
