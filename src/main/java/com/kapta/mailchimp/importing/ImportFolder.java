package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.FileModes;
import com.kapta.mailchimp.KaptaProperties;

/**
 * The drop folder {@code jobs/import}: files wait there, sit in {@code processing/} while
 * imported, and end in {@code processed/} (with their report) or {@code failed/} (with
 * {@code <name>.reason.txt}). A file keeps the name it was given when taken,
 * {@code <timestamp>-<name>}, in every folder, so it is never overwritten and a restart
 * finds it wherever it is.
 */
@Component
public class ImportFolder {

	/** The most of a reason file shown. */
	static final int REASON_BYTES = 4096;

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final Path inbox;

	ImportFolder(KaptaProperties properties) {
		this.inbox = properties.jobsDir().resolve("import").toAbsolutePath().normalize();
	}

	public Path inbox() {
		return this.inbox;
	}

	/**
	 * The files waiting in the drop folder, by name; folders, links, hidden, lock and
	 * temporary files are not.
	 */
	public List<Path> waiting() {
		if (!Files.isDirectory(this.inbox)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.inbox)) {
			// a link is never taken: it could point anywhere the service may read
			return files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter((file) -> !ignored(file))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.inbox + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Hidden files, Office and LibreOffice lock files, and files still being written
	 * under a temporary name.
	 */
	static boolean ignored(Path file) {
		String name = file.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		return name.startsWith(".") || name.startsWith("~$") || name.endsWith("~") || lower.endsWith(".tmp")
				|| lower.endsWith(".part") || lower.endsWith(".crdownload") || lower.endsWith(".partial")
				|| lower.endsWith(".swp");
	}

	/**
	 * Takes a file for import into {@code processing/}: moved when it waits in the drop
	 * folder, copied when it is elsewhere (the user's own file stays where it is).
	 */
	Path take(Path file) {
		Path source = file.toAbsolutePath().normalize();
		Path target = unique(folder("processing"), STAMP.format(LocalDateTime.now()) + "-" + source.getFileName());
		try {
			if (this.inbox.equals(source.getParent())) {
				Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
			}
			else {
				Files.copy(source, target);
			}
			// the data team's folder: never readable by others, whatever the file was (a
			// file a
			// member dropped stays theirs: its mode is theirs to set)
			FileModes.tightenQuietly(target, FileModes.Sharing.GROUP);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot take " + source + " into " + target.getParent() + ": " + ex.getMessage(), ex);
		}
	}

	/** Puts a taken file back where it waited, when its import could not start. */
	void giveBack(Path taken, Path original) {
		if (this.inbox.equals(original.toAbsolutePath().normalize().getParent()) && !Files.exists(original)) {
			move(taken, original);
		}
		else {
			delete(taken);
		}
	}

	/**
	 * A file of the import folder as the console lists it.
	 *
	 * @param state waiting, processing, processed or failed
	 * @param reason why a failed file could not be imported
	 */
	public record Listed(String state, String name, Instant modified, @Nullable String reason) {
	}

	/**
	 * The files of the drop folder and of its processing, processed and failed folders,
	 * newest first, at most {@code limit} of each.
	 */
	public List<Listed> listing(int limit) {
		List<Listed> files = new ArrayList<>();
		waiting().stream().limit(limit).forEach((file) -> files.add(listed("waiting", file)));
		for (String state : List.of("processing", "processed", "failed")) {
			Path folder = this.inbox.resolve(state);
			if (!Files.isDirectory(folder)) {
				continue;
			}
			try (Stream<Path> in = Files.list(folder)) {
				// a link is never listed: what it points to may be any file the service
				// reads
				in.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
					.filter((file) -> !file.getFileName().toString().endsWith(".reason.txt"))
					.map((file) -> listed(state, file))
					.sorted(Comparator.comparing(Listed::modified).reversed())
					.limit(limit)
					.forEach(files::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list " + folder + ": " + ex.getMessage(), ex);
			}
		}
		return files;
	}

	private static Listed listed(String state, Path file) {
		try {
			return new Listed(state, file.getFileName().toString(), Files.getLastModifiedTime(file).toInstant(),
					reasonOf(file));
		}
		catch (IOException ex) {
			return new Listed(state, file.getFileName().toString(), Instant.EPOCH, null);
		}
	}

	/**
	 * Why a failed file failed: its reason file, when that is a plain file (a link there
	 * could show any file the service reads), and only its first {@value #REASON_BYTES}
	 * bytes (Kapta writes one sentence).
	 */
	private static @Nullable String reasonOf(Path file) throws IOException {
		Path reason = file.resolveSibling(file.getFileName() + ".reason.txt");
		if (!Files.isRegularFile(reason, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		try (InputStream in = Files.newInputStream(reason, LinkOption.NOFOLLOW_LINKS)) {
			return new String(in.readNBytes(REASON_BYTES), StandardCharsets.UTF_8).strip();
		}
	}

	/** Where a taken file's report goes: beside the file once it is processed. */
	Path reportFor(Path taken) {
		String name = taken.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return folder("processed").resolve(((dot > 0) ? name.substring(0, dot) : name) + "-report.xlsx");
	}

	/** Moves an imported file to {@code processed/}; returns where it is now. */
	Path processed(Path taken) {
		return move(taken, unique(folder("processed"), taken.getFileName().toString()));
	}

	/**
	 * Moves a file that could not be imported to {@code failed/} with its reason beside
	 * it; returns where it is.
	 */
	Path failed(Path taken, String reason) {
		Path target = unique(folder("failed"), taken.getFileName().toString());
		Path moved = Files.exists(taken) ? move(taken, target) : target;
		try {
			Path reasonFile = moved.resolveSibling(moved.getFileName() + ".reason.txt");
			Files.deleteIfExists(reasonFile);
			Files.writeString(FileModes.createShared(reasonFile), reason + System.lineSeparator());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the reason beside " + moved + ": " + ex.getMessage(), ex);
		}
		return moved;
	}

	/**
	 * Brings a file that failed back into {@code processing/} for a restart; a file still
	 * there stays.
	 */
	void reclaim(Path taken) {
		Path failed = this.inbox.resolve("failed").resolve(taken.getFileName());
		if (!Files.exists(taken) && Files.exists(failed)) {
			move(failed, taken);
			delete(failed.resolveSibling(failed.getFileName() + ".reason.txt"));
		}
	}

	private Path folder(String name) {
		try {
			return Files.createDirectories(this.inbox.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + this.inbox.resolve(name) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * {@code name} in the folder, or {@code name (2)}, … when a file has it already:
	 * nothing is overwritten.
	 */
	private static Path unique(Path folder, String name) {
		Path target = folder.resolve(name);
		for (int n = 2; Files.exists(target); n++) {
			int dot = name.lastIndexOf('.');
			target = folder.resolve(
					(dot > 0) ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")");
		}
		return target;
	}

	private static Path move(Path from, Path to) {
		try {
			return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new UncheckedIOException("Will not overwrite " + to, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot move " + from + " to " + to + ": " + ex.getMessage(), ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + file + ": " + ex.getMessage(), ex);
		}
	}

}
