"""Find the files of an ESCO CSV export (folder or .zip) and read them strictly, naming file/line/field."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from techtalent.core.errors import DataFileError

__all__ = ["EscoFile", "discover", "read_rows", "FILE_KINDS"]

csv.field_size_limit(50_000_000)

# Base file name (without _<lang>) → the columns it must have.
FILE_KINDS: dict[str, tuple[str, ...]] = {
    "occupations": ("conceptType", "conceptUri", "preferredLabel", "altLabels"),
    "skills": ("conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"),
    "ISCOGroups": ("conceptType", "conceptUri", "code", "preferredLabel"),
    "skillGroups": ("conceptType", "conceptUri", "preferredLabel"),
    "skillsHierarchy": ("Level 0 URI", "Level 0 preferred term"),
    "broaderRelationsOccPillar": ("conceptType", "conceptUri", "broaderType", "broaderUri"),
    "broaderRelationsSkillPillar": ("conceptType", "conceptUri", "broaderType", "broaderUri"),
    "occupationSkillRelations": ("occupationUri", "relationType", "skillUri"),
    "skillSkillRelations": ("originalSkillUri", "relationType", "relatedSkillUri"),
    "digitalSkillsCollection": ("conceptUri", "preferredLabel"),
    "digCompSkillsCollection": ("conceptUri", "preferredLabel"),
    "greenSkillsCollection": ("conceptUri", "preferredLabel"),
    "languageSkillsCollection": ("conceptUri", "preferredLabel"),
    "researchSkillsCollection": ("conceptUri", "preferredLabel"),
    "transversalSkillsCollection": ("conceptUri", "preferredLabel"),
    "researchOccupationsCollection": ("conceptUri", "preferredLabel"),
}
_NAME = re.compile(r"^(?P<base>[A-Za-z]+?)(?:_(?P<lang>[a-z]{2,3}(?:-[A-Za-z]{2,4})?))?\.csv$")
_VERSION = re.compile(r"(?:^|[^0-9a-z])v(?P<v>\d+\.\d+(?:\.\d+)?)(?![0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class EscoFile:
    """One recognised file of an export: what it is, its language (None = language-neutral), where it sits."""

    base: str
    lang: str | None
    display: str
    version: str | None
    path: Path | None = None
    zip_path: Path | None = None
    member: str | None = None

    def read_bytes(self) -> bytes:
        """The file's bytes, from disk or from inside its zip archive."""
        if self.path is not None:
            return self.path.read_bytes()
        assert self.zip_path is not None and self.member is not None
        try:
            with zipfile.ZipFile(self.zip_path) as archive:
                return archive.read(self.member)
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
            raise DataFileError(
                self.display, f"cannot be read from the zip archive ({exc}); is it truncated?"
            ) from None


def _version_of(parts: list[str]) -> str | None:
    for part in reversed(parts):
        if match := _VERSION.search(part):
            return match.group("v")
    return None


def _recognise(name: str) -> tuple[str, str | None] | None:
    match = _NAME.match(name)
    if not match or match.group("base") not in FILE_KINDS:
        return None
    return match.group("base"), match.group("lang")


def _from_zip(zip_path: Path, display_root: Path) -> list[EscoFile]:
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DataFileError(
            str(zip_path), f"is not a complete zip archive ({exc}); download it again"
        ) from None
    found = []
    for info in members:
        inner = Path(info.filename)
        if (kind := _recognise(inner.name)) is None:
            continue
        display = f"{zip_path.name}:{info.filename}"
        parts = (
            [*zip_path.relative_to(display_root).parts, *inner.parts]
            if zip_path != display_root
            else [
                zip_path.name,
                *inner.parts,
            ]
        )
        found.append(
            EscoFile(kind[0], kind[1], display, _version_of(parts), zip_path=zip_path, member=info.filename)
        )
    return found


def discover(root: Path) -> list[EscoFile]:
    """All ESCO files under ``root`` (a folder, a .zip, or folders holding zips), recognised by name."""
    root = root.expanduser()
    if not root.exists():
        raise DataFileError(str(root), "does not exist")
    if root.is_file():
        if root.suffix.lower() == ".zip":
            return _from_zip(root, root)
        if (kind := _recognise(root.name)) is not None:
            return [
                EscoFile(kind[0], kind[1], root.name, _version_of([root.parent.name, root.name]), path=root)
            ]
        raise DataFileError(str(root), "is neither an ESCO CSV file nor a .zip of an ESCO export")
    found: list[EscoFile] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root)
        if path.suffix.lower() == ".zip":
            found.extend(_from_zip(path, root))
        elif (kind := _recognise(path.name)) is not None:
            parts = [root.name, *rel.parts]
            found.append(EscoFile(kind[0], kind[1], str(rel), _version_of(parts), path=path))
    return found


def _decode(file: EscoFile, data: bytes) -> str:
    if not data.strip():
        raise DataFileError(file.display, "is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(
            file.display,
            f"is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); ESCO exports are UTF-8 — "
            "export again or convert the file",
            line=line,
        ) from None


def read_rows(file: EscoFile) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each record, after checking the encoding and the required columns."""
    text = _decode(file, file.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise DataFileError(file.display, f"is not valid CSV ({exc})", line=1) from None
    header = [h.strip() for h in header]
    for column in FILE_KINDS[file.base]:
        if column not in header:
            raise DataFileError(
                file.display, "required column is missing from the header", line=1, field=column
            )
    width = len(header)
    start = reader.line_num + 1
    rows = 0
    try:
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                start = reader.line_num + 1
                continue
            if len(record) > width:
                raise DataFileError(
                    file.display,
                    f"has {len(record)} fields where the header has {width} (unbalanced quotes?)",
                    line=start,
                )
            if len(record) < width:  # some official exports end rows early when the last fields are empty
                record += [""] * (width - len(record))
            rows += 1
            yield start, dict(zip(header, record, strict=True))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataFileError(file.display, f"is not valid CSV ({exc})", line=start) from None
    if rows == 0:
        raise DataFileError(file.display, "has a header but no rows")
