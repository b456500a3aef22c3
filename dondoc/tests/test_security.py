"""Sign-in hardening and production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DONDOC_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "dondoc.example.gov.vn",
                "DONDOC_BASE_URL": "https://dondoc.example.gov.vn", "DONDOC_VAR_DIR": "/tmp/dondoc-check", **extra})
    return env


def run_dondoc(*args, env):
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_passwords_are_hashed_with_argon2_in_production():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        assert make_password("demo12345").startswith("argon2$argon2id$")


def test_the_production_settings_list_argon2_first():
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = run_dondoc("shell", "-c", code, env=production_env())
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_dondoc("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_dondoc("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_repeated_failed_sign_ins_lock_the_account(client, org):
    url = reverse("web:login")
    for _ in range(5):
        client.post(url, {"username": "vanphong", "password": "sai-mat-khau"})
    response = client.post(url, {"username": "vanphong", "password": "demo12345"})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_password_signs_in(client, org):
    response = client.post(reverse("web:login"), {"username": "vanphong", "password": "demo12345"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(org.tracker.pk)


@pytest.mark.django_db
def test_pages_send_protective_headers(client):
    response = client.get(reverse("web:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_refuses_a_short_secret_key():
    result = run_dondoc("check", env=production_env(SECRET_KEY="x"))
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_own_address_for_e_mail_links():
    env = production_env()
    del env["DONDOC_BASE_URL"]
    result = run_dondoc("check", env=env)
    assert result.returncode != 0 and "DONDOC_BASE_URL" in result.stderr


def test_production_refuses_debug():
    result = run_dondoc("check", env=production_env(DEBUG="true"))
    assert result.returncode != 0 and "DEBUG" in result.stderr


@pytest.mark.django_db
def test_uploaded_files_are_not_served_from_the_media_url(client, org, settings):
    settings.DEBUG = True
    client.force_login(org.tracker)
    assert client.get("/media/attachments/2026/11/bang-luong.pdf").status_code == 404


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_keys_on_the_persons_own_address(client, org, settings):
    settings.DONDOC_PROXY_COUNT = 1
    url = reverse("web:login")
    for _ in range(6):
        client.post(url, {"username": "lanhdao", "password": "sai"}, HTTP_X_FORWARDED_FOR="203.0.113.66",
                    REMOTE_ADDR="127.0.0.1")
    response = client.post(url, {"username": "lanhdao", "password": "demo12345"},
                           HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 302


def test_the_csrf_cookie_is_not_readable_by_scripts(settings):
    assert settings.CSRF_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_people_cannot_be_deleted_in_the_admin_so_timelines_keep_their_actors(client, org):
    from dondoc.org.models import User

    superuser = User.objects.create_superuser("root", password="x", full_name="Root")
    client.force_login(superuser)
    response = client.post(f"/admin/org/user/{org.chairman.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=org.chairman.pk).exists()


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.66", "127.0.0.1"),
        (1, "203.0.113.66", "203.0.113.66"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "", "127.0.0.1"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxies_saw(settings, rf, count, forwarded, expected):
    from dondoc.org.signin import client_ip

    settings.DONDOC_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == expected
