from techtalent.cli import main

main()
