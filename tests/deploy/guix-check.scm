;;; Structural check of guix.scm with plain Guile (Guix itself is not installed):
;;;   guile --no-auto-compile -s tests/deploy/guix-check.scm guix.scm
;;; Reads every form, Guix's G-expression reader syntax included, and checks that the
;;; file is a cargo-build-system package of the checkout with the fields Guix knows.

(use-modules (ice-9 match) (ice-9 format) (srfi srfi-1))

;; #~ #$ #$@ are Guix reader extensions; read them as the lists they stand for.
(read-hash-extend #\~ (lambda (chr port) (list 'gexp (read port))))
(read-hash-extend #\$ (lambda (chr port)
                        (if (eqv? (peek-char port) #\@)
                            (begin (read-char port) (list 'ungexp-splicing (read port)))
                            (list 'ungexp (read port)))))

(define file (cadr (command-line)))
(define errors 0)
(define (fail fmt . args)
  (set! errors (+ errors 1))
  (format (current-error-port) "~a: ~?~%" file fmt args))

(define forms
  (call-with-input-file file
    (lambda (port)
      (let loop ((acc '()))
        (let ((form (read port)))
          (if (eof-object? form) (reverse acc) (loop (cons form acc))))))))

(define (tree-contains? tree x)
  (cond ((equal? tree x) #t)
        ((pair? tree) (or (tree-contains? (car tree) x) (tree-contains? (cdr tree) x)))
        (else #f)))

;; The modules.
(match (car forms)
  (('use-modules modules ...)
   (for-each (lambda (m)
               (unless (member m modules) (fail "use-modules lacks ~s" m)))
             '((guix packages) (guix gexp) (guix git-download) (guix build-system cargo))))
  (_ (fail "the first form is not use-modules")))

;; The crate origins: their text is generated and compared with Cargo.lock by
;; guix_crates.py --check; here they only have to read as Scheme.
(define crate-names
  (filter-map (match-lambda (('define (? symbol? name) ('crate-source _ ...)) name) (_ #f))
              forms))
(when (null? crate-names) (fail "no crate-source origins"))

;; The package: the last form.
(define known-fields
  '(name version source build-system arguments inputs native-inputs propagated-inputs
    outputs native-search-paths search-paths home-page synopsis description license
    properties supported-systems location replacement))
(define required-fields
  '(name version source build-system arguments inputs home-page synopsis description license))

(match (last forms)
  (('package fields ...)
   (let ((field (lambda (name) (assq name fields))))
     (for-each (lambda (f)
                 (unless (and (pair? f) (memq (car f) known-fields))
                   (fail "unknown package field ~s" (if (pair? f) (car f) f))))
               fields)
     (for-each (lambda (name) (unless (field name) (fail "package lacks the ~a field" name)))
               required-fields)
     (unless (equal? (field 'build-system) '(build-system cargo-build-system))
       (fail "build-system is not cargo-build-system"))
     (match (field 'source)
       (('source ('local-file _ _ rest ...))
        (unless (and (tree-contains? rest '#:select?) (tree-contains? rest 'git-predicate))
          (fail "source: local-file without a git-predicate #:select?")))
       (_ (fail "source is not a local-file of the checkout")))
     (let ((args (field 'arguments)))
       (unless (tree-contains? args "/share/eclexia/stdlib")
         (fail "arguments: the stdlib is not installed to share/eclexia/stdlib"))
       (unless (tree-contains? args "eclexia-cli")
         (fail "arguments: eclexia-cli is not what is built and installed")))
     (unless (equal? (field 'inputs) '(inputs %eclexia-crates))
       (fail "inputs are not the crate origins (%eclexia-crates)"))
     (match (field 'synopsis)
       (('synopsis (? string? s))
        (when (string-suffix? "." s) (fail "synopsis ends with a period")))
       (_ (fail "synopsis is not a string")))
     (match (field 'license)
       (('license ('list ls ...))
        (unless (and (memq 'license:expat ls) (memq 'license:asl2.0 ls))
          (fail "license is not MIT (expat) and Apache-2.0, as Cargo.toml says")))
       (_ (fail "license is not a list of licenses")))))
  (_ (fail "the last form is not a package")))

(if (zero? errors)
    (format #t "~a: package with ~a crate origins, structure ok~%" file (length crate-names))
    (exit 1))
