package lrsched.input.log;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * One TensorBoard event file read as a stream of records, each decoded as far as scalars go: memory holds one
 * record's values, never the file.
 *
 * <p>The framing is TFRecord: a uint64 little-endian length, the masked CRC32C of those 8 bytes (uint32), the data,
 * the masked CRC32C of the data; mask(c) = ((c &gt;&gt;&gt; 15) | (c &lt;&lt; 17)) + 0xa282ead8. Both CRCs of every
 * record are checked. The data is an {@code Event} protobuf (tensorflow/tensorboard
 * tensorboard/compat/proto/event.proto: {@code step = 2} int64, {@code summary = 5}); {@code Summary.value = 1}, each
 * {@code Value} (summary.proto) with {@code tag = 1}, and either {@code simple_value = 2} (float, what
 * torch.utils.tensorboard and tensorboardX write) or {@code tensor = 8}, a {@code TensorProto} (tensor.proto:
 * {@code dtype = 1}, {@code tensor_content = 4}, {@code float_val = 5}, {@code double_val = 6}; types.proto:
 * {@code DT_FLOAT = 1}, {@code DT_DOUBLE = 2}) holding one value: TF2's {@code tf.summary.scalar}. Every other field
 * is skipped; a value that is not a scalar (an image, a histogram, text, a tensor of several values) is reported as
 * such, without its data.
 *
 * <p>A record cut short at the end of the file (a killed run) ends the reading and is reported with
 * {@link Scan#tornAt()}; a record whose CRC fails is an {@link InputException} naming its byte offset.
 */
final class EventFile {

    /** The longest tag read; a longer one is a sign of a damaged record. */
    private static final int MAX_TAG_BYTES = 1 << 16;
    private static final int MASK_DELTA = 0xa282ead8;
    private static final int DT_FLOAT = 1;
    private static final int DT_DOUBLE = 2;

    /** What the values of one record are, for {@link Visitor}. */
    enum Kind { FLOAT32, FLOAT64, NOT_SCALAR }

    /** Receives each value of each good record, in file order. */
    interface Visitor {
        void value(long step, String tag, Kind kind, double value);
    }

    /** @param tornAt the byte offset of a final record cut short, or -1 when the file ends cleanly */
    record Scan(long records, long tornAt) {
    }

    private final Path file;
    private final String source;

    /** @param source the file's name for messages */
    EventFile(Path file, String source) {
        this.file = file;
        this.source = source;
    }

    /** Whether the first bytes are a TFRecord header: 12 bytes or more, the length's CRC matching. */
    static boolean startsWithRecord(byte[] head) {
        if (head.length < 12) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(head, 0, 8);
        return masked(crc.getValue()) == littleEndianInt(head, 8);
    }

    /** Reads every record, giving each good record's values to the visitor once the record's CRCs have passed. */
    Scan scan(Visitor visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Record record = new Record(in);
            List<Value> values = new ArrayList<>();
            long records = 0;
            byte[] header = new byte[12];
            while (true) {
                long at = record.offset;
                int got = in.readNBytes(header, 0, 12);
                record.offset += got;
                if (got == 0) {
                    return new Scan(records, -1);
                }
                if (got < 12) {
                    return new Scan(records, at);
                }
                if (!startsWithRecord(header)) {
                    throw corrupt(at, "its length does not match its CRC");
                }
                long length = littleEndianLong(header);
                values.clear();
                record.begin(length);
                long step;
                try {
                    step = record.event(values);
                } catch (EOFException e) {
                    return new Scan(records, at);
                } catch (Malformed e) {
                    if (!record.skipRestAndCheck()) {
                        throw corrupt(at, "its data does not match its CRC");
                    }
                    throw new InputException(Location.of(source), "the record at byte " + at + " is not a "
                            + "TensorBoard event (" + e.getMessage() + ")");
                }
                int crc;
                try {
                    crc = record.footer();
                } catch (EOFException e) {
                    return new Scan(records, at);
                }
                if (crc != masked(record.crc.getValue())) {
                    throw corrupt(at, "its data does not match its CRC");
                }
                records++;
                for (Value v : values) {
                    visitor.value(step, v.tag, v.kind, v.value);
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException(e); // a cut record is handled where it is read
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputException corrupt(long at, String why) {
        return new InputException(Location.of(source), "the record at byte " + at + " is corrupt (" + why + "); "
                + "the file is damaged from there on");
    }

    private static int masked(long crc) {
        int c = (int) crc;
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static long littleEndianLong(byte[] b) {
        return (littleEndianInt(b, 0) & 0xffffffffL) | (long) littleEndianInt(b, 4) << 32;
    }

    private record Value(String tag, Kind kind, double value) {
    }

    /** The data of a record is not the protobuf it should be. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The data of one record, read through its CRC: a protobuf decoder of the few fields needed, which skips the
     * rest by streaming it. {@code position} counts the record's data bytes read; nested messages end at a position.
     */
    private static final class Record {
        private final InputStream in;
        private final CRC32C crc = new CRC32C();
        private final byte[] chunk = new byte[8192];
        long offset;
        private long length;
        private long position;

        Record(InputStream in) {
            this.in = in;
        }

        void begin(long dataLength) {
            length = dataLength;
            position = 0;
            crc.reset();
        }

        /** Decodes an Event; returns its step and adds its summary values. */
        long event(List<Value> values) throws IOException, Malformed {
            if (length < 0) {
                throw new EOFException(); // over 2^63 bytes: no file holds it, so it is cut short
            }
            long step = 0;
            while (position < length) {
                long key = varint(length);
                int field = (int) (key >>> 3);
                int type = (int) (key & 7);
                if (field == 2 && type == 0) {
                    step = varint(length);
                } else if (field == 5 && type == 2) {
                    long end = end(length);
                    while (position < end) {
                        long k = varint(end);
                        if (k == (1 << 3 | 2)) {
                            values.add(value(end(end)));
                        } else {
                            skip(k, end);
                        }
                    }
                } else {
                    skip(key, length);
                }
            }
            return step;
        }

        private Value value(long end) throws IOException, Malformed {
            String tag = "";
            Kind kind = Kind.NOT_SCALAR;
            double value = Double.NaN;
            while (position < end) {
                long key = varint(end);
                int field = (int) (key >>> 3);
                int type = (int) (key & 7);
                if (field == 1 && type == 2) {
                    tag = string(end(end));
                } else if (field == 2 && type == 5) {
                    kind = Kind.FLOAT32;
                    value = Float.intBitsToFloat(fixed32(end));
                } else if (field == 8 && type == 2) {
                    Value t = tensor(end(end));
                    kind = t.kind;
                    value = t.value;
                } else {
                    if (field >= 3 && field <= 6) {
                        kind = Kind.NOT_SCALAR; // an image, histogram or audio
                    }
                    skip(key, end);
                }
            }
            return new Value(tag, kind, value);
        }

        /** A TensorProto: a scalar when its dtype is DT_FLOAT or DT_DOUBLE and it holds exactly one value. */
        private Value tensor(long end) throws IOException, Malformed {
            long dtype = 0;
            int count = 0;
            double value = Double.NaN;
            while (position < end) {
                long key = varint(end);
                int field = (int) (key >>> 3);
                int type = (int) (key & 7);
                if (field == 1 && type == 0) {
                    dtype = varint(end);
                } else if ((field == 5 && type == 5) || (field == 6 && type == 1)) {
                    boolean wide = field == 6;
                    value = wide ? Double.longBitsToDouble(fixed64(end)) : Float.intBitsToFloat(fixed32(end));
                    count++;
                } else if ((field == 5 || field == 6 || field == 4) && type == 2) {
                    long fieldEnd = end(end);
                    long size = fieldEnd - position;
                    boolean wide = field == 6 || (field == 4 && dtype == DT_DOUBLE);
                    int width = wide ? 8 : 4;
                    if (size == width) {
                        value = wide ? Double.longBitsToDouble(fixed64(fieldEnd))
                                : Float.intBitsToFloat(fixed32(fieldEnd));
                        count++;
                    } else {
                        skipBytes(size);
                        count += 2; // no value, or several
                    }
                } else {
                    skip(key, end);
                }
            }
            if (count == 1 && (dtype == DT_FLOAT || dtype == DT_DOUBLE)) {
                return new Value("", dtype == DT_DOUBLE ? Kind.FLOAT64 : Kind.FLOAT32, value);
            }
            return new Value("", Kind.NOT_SCALAR, Double.NaN);
        }

        private void skip(long key, long end) throws IOException, Malformed {
            switch ((int) (key & 7)) {
                case 0 -> varint(end);
                case 1 -> skipBytes(need(8, end));
                case 2 -> skipBytes(end(end) - position);
                case 5 -> skipBytes(need(4, end));
                default -> throw new Malformed("wire type " + (key & 7) + " at data byte " + position);
            }
        }

        /** The end position of a length-delimited field whose length comes next. */
        private long end(long limit) throws IOException, Malformed {
            long size = varint(limit);
            if (size < 0 || size > limit - position) {
                throw new Malformed("a field of " + size + " bytes runs past its message");
            }
            return position + size;
        }

        private long need(long bytes, long end) throws Malformed {
            if (bytes > end - position) {
                throw new Malformed("a field runs past its message");
            }
            return bytes;
        }

        private long varint(long end) throws IOException, Malformed {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new Malformed("a number runs past its message");
                }
                int b = read();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new Malformed("a number longer than 10 bytes");
        }

        private int fixed32(long end) throws IOException, Malformed {
            need(4, end);
            return read() | read() << 8 | read() << 16 | read() << 24;
        }

        private long fixed64(long end) throws IOException, Malformed {
            need(8, end);
            return (fixed32(end) & 0xffffffffL) | (long) fixed32(end) << 32;
        }

        private String string(long end) throws IOException, Malformed {
            long size = end - position;
            if (size > MAX_TAG_BYTES) {
                throw new Malformed("a tag of " + size + " bytes");
            }
            byte[] bytes = new byte[(int) size];
            readFully(bytes, (int) size);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            crc.update(b);
            position++;
            offset++;
            return b;
        }

        private void readFully(byte[] into, int size) throws IOException {
            int got = in.readNBytes(into, 0, size);
            crc.update(into, 0, got);
            position += got;
            offset += got;
            if (got < size) {
                throw new EOFException();
            }
        }

        private void skipBytes(long size) throws IOException {
            while (size > 0) {
                int n = (int) Math.min(size, chunk.length);
                readFully(chunk, n);
                size -= n;
            }
        }

        /** After a decoding failure: reads the rest of the data and tells whether its CRC matches. */
        boolean skipRestAndCheck() throws IOException {
            try {
                skipBytes(length - position);
                return footer() == masked(crc.getValue());
            } catch (EOFException e) {
                return true; // cut short: the decoding failure stands
            }
        }

        /** The data's masked CRC, which follows the data. */
        int footer() throws IOException {
            byte[] b = new byte[4];
            if (in.readNBytes(b, 0, 4) < 4) {
                throw new EOFException();
            }
            offset += 4;
            return littleEndianInt(b, 0);
        }
    }
}
