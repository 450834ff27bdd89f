"""`qmsaudit classify`: read one document and say what it is."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from inspection.cli.app import Json, app, console, errors, print_json


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
        raise _fail(str(error)) from error
    except KeyboardInterrupt as interrupt:
        raise _fail("đã dừng theo yêu cầu", code=130) from interrupt
    if as_json:
        print_json(result)
    else:
        for key, value in result.items():
            if key != "text":
                console.print(f"[bold]{key}[/]: {escape(str(value))}")
    if result["error"]:
        raise _fail(f"không đọc được nội dung tài liệu ({result['error']})")


def _fail(message: str, code: int = 2) -> typer.Exit:
    """One line on stderr, however long (URLs, reasons): Rich would wrap it at 80 columns."""
    errors.print(f"[red]Lỗi:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)
