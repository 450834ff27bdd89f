from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from store import Agency, make_engine, open_session, prepare, sqlite_url


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "nested" / "q.db"))
    prepare(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert (tmp_path / "nested" / "q.db").exists()


def test_agency_round_trips_with_vietnamese_text_and_dates(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    with open_session(engine) as session:
        session.add(
            Agency(
                code="SKHCN",
                name="Sở Khoa học và Công nghệ",
                level="department",
                website="https://skhcn.example.gov.vn/",
                established=date(2025, 7, 1),
            )
        )
        session.commit()
    with open_session(engine) as session:
        agency = session.exec(select(Agency)).one()
    assert agency.name == "Sở Khoa học và Công nghệ"
    assert agency.established == date(2025, 7, 1)
    assert agency.created_at.tzinfo is not None or engine.dialect.name == "sqlite"
