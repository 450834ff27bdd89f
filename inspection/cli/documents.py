"""`qmsaudit classify`: read one document and say what it is."""

from __future__ import annotations

from typing import Annotated

import typer

from inspection.cli.app import Json, app, console, fail, print_json


@app.command()
def classify(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Đường dẫn tệp hoặc URL.")],
    as_json: Json = False,
) -> None:
    """Đọc và phân loại một tài liệu."""
    from inspection.classify import ClassifyError, classify_source

    try:
        result = classify_source(source, ctx.obj)
    except ClassifyError as error:
        raise fail(str(error)) from error
    if as_json:
        print_json(result)
        return
    for key, value in result.items():
        if key != "text":
            console.print(f"[bold]{key}[/]: {value}")
