package com.kapta.mailchimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may read Kapta's files. The data folder (the database, the secrets, the logs,
 * uploads) is its owner's only; the jobs folder is shared with the owner's group, the
 * data team, and never with others. Files Kapta makes in the jobs folder are made so
 * ({@link #shared}, subject to the umask as ever); what others made or the umask let
 * through is taken away at start ({@link #tighten}). Links are never followed: a link
 * planted in a folder does not make Kapta change the modes of what it points at.
 */
public final class FileModes {

	private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private FileModes() {
	}

	/** Who may read a folder's files. */
	public enum Sharing {

		/** The data folder: its owner only. */
		OWNER,

		/** The jobs folder: its owner and group, not others. */
		GROUP;

		Set<PosixFilePermission> removed() {
			return (this == OWNER) ? GROUP_AND_OTHERS : OTHERS;
		}

	}

	/** The attributes to create a file of the jobs folder with (none off POSIX). */
	public static FileAttribute<?>[] shared() {
		return POSIX
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")) }
				: new FileAttribute<?>[0];
	}

	/** Creates an empty file of the jobs folder, readable by owner and group only. */
	public static Path createShared(Path file) throws IOException {
		return Files.createFile(file, shared());
	}

	/**
	 * Takes away from {@code root} and everything in it (links not followed) what its
	 * sharing does not allow. Best effort: a file that vanished meanwhile, or that
	 * belongs to someone else (a data team member's own file in the jobs folder), is left
	 * as it is.
	 */
	public static void tighten(Path root, Sharing sharing) throws IOException {
		if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				tightenQuietly(dir, sharing);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				tightenQuietly(file, sharing);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
	}

	/**
	 * {@link #tightenOne} where a file may be someone else's (one the data team dropped):
	 * what Kapta may not change it leaves as it is.
	 */
	public static void tightenQuietly(Path path, Sharing sharing) {
		try {
			tightenOne(path, sharing);
		}
		catch (NoSuchFileException | AccessDeniedException ex) {
			// gone meanwhile, or not Kapta's to change
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The same for one file (not followed if it is a link). */
	public static void tightenOne(Path path, Sharing sharing) throws IOException {
		if (!POSIX) {
			return;
		}
		PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS);
		PosixFileAttributes attributes = view.readAttributes();
		if (attributes.isSymbolicLink()) {
			return;
		}
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		permissions.addAll(attributes.permissions());
		if (permissions.removeAll(sharing.removed())) {
			view.setPermissions(permissions);
		}
	}

}
