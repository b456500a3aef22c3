import subprocess
import sys

from dondoc import cli


def test_hyphenated_subcommands_map_to_django_command_names(monkeypatch):
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    assert cli.main(["urge-letter", "--lead-unit", "Sở Y tế"]) == 0
    assert seen == [["dondoc", "urge_letter", "--lead-unit", "Sở Y tế"]]


def test_an_unknown_subcommand_exits_with_an_error():
    result = subprocess.run([sys.executable, "-m", "dondoc", "khong-co"],
                            capture_output=True, text=True)
    assert result.returncode != 0


def test_the_exit_status_of_a_command_is_passed_on(monkeypatch):
    def failing(argv):
        raise SystemExit(1)

    monkeypatch.setattr("django.core.management.execute_from_command_line", failing)
    assert cli.main(["extract", "missing.pdf"]) == 1
