package lrsched.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code csv --spec FILE ARGS...} on a framework config written into a folder. */
final class ConfigCli {
    private ConfigCli() {}

    static CliRun csv(Path dir, String file, String config, String... args) throws IOException {
        Files.writeString(dir.resolve(file), config);
        String[] all = new String[args.length + 3];
        all[0] = "csv";
        all[1] = "--spec";
        all[2] = file;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(dir, all);
    }
}
